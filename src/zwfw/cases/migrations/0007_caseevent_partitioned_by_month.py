"""Case events partitioned by month on PostgreSQL (copy, backfill, swap in one transaction).

SQLite keeps one plain table. The model is unchanged: Django still treats ``id`` as the key; on
PostgreSQL the key is ``(id, at)``. For a very large table, move it month by month instead
(docs/scaling.md) and this migration then finds it partitioned and does nothing.
"""
from django.db import migrations


def forward(apps, schema_editor):
    from zwfw.cases.partitions import partition_table

    partition_table(connection=schema_editor.connection)


def backward(apps, schema_editor):
    from zwfw.cases.partitions import unpartition_table

    unpartition_table(connection=schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_worklist_indexes")]

    operations = [migrations.RunPython(forward, backward)]
