// The leader's weekly chart: accepted and completed cases per week of the year (ECharts, vendored).
(function () {
  function draw() {
    var box = document.getElementById("weekly-chart");
    var source = document.getElementById("weekly-chart-data");
    if (!box || !source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var chart = echarts.init(box, null, { renderer: "canvas" });
    var narrow = box.clientWidth < 560;
    chart.setOption({
      color: ["#c00000", "#1d4ed8"],
      textStyle: { fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif' },
      tooltip: {
        trigger: "axis",
        formatter: function (items) {
          var i = items[0].dataIndex;
          var lines = [data.weeks[i] + "（" + data.ranges[i] + "）"];
          items.forEach(function (it) { lines.push(it.marker + it.seriesName + "：" + it.value + " 件"); });
          return lines.join("<br>");
        }
      },
      legend: { data: ["受理", "办结"], top: 0 },
      grid: { left: narrow ? 8 : 16, right: narrow ? 12 : 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", boundaryGap: false, data: data.weeks,
               axisLabel: { hideOverlap: true, formatter: function (v) { return v.replace(/\s/g, ""); } } },
      yAxis: { type: "value", name: "件", minInterval: 1 },
      series: [
        { name: "受理", type: "line", data: data.accepted, showSymbol: false },
        { name: "办结", type: "line", data: data.completed, showSymbol: false }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
