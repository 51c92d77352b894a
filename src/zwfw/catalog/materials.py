"""Merging the materials of a bundle (一件事一次办): each material asked for once. Pure."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_BRACKETED = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_PUNCT = re.compile(r"[\s《》〈〉“”\"'‘’「」『』、，,。.:：;；·\-—_/]+")
_FORM_SUFFIX = re.compile(r"(原件及复印件|原件和复印件|原件或复印件|原件|复印件|扫描件|电子版)$")


def normalise_material_name(name: str) -> str:
    """"《营业执照》（副本）复印件" and "营业执照" name the same material."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _BRACKETED.sub("", text)
    text = _PUNCT.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _FORM_SUFFIX.sub("", text)
    return text.lower()


@dataclass
class MergedMaterial:
    name: str
    copies: int
    licence_kind: str = ""
    items: list[str] = field(default_factory=list)  # labels of the member items that need it
    names: set[str] = field(default_factory=set)  # normalised names seen

    @property
    def exemptible(self) -> bool:
        """免提交 candidate: the platform may already hold it as an electronic licence."""
        return bool(self.licence_kind)


def merge_materials(members: list[tuple[str, list]]) -> list[MergedMaterial]:
    """``members`` is [(item label, [material with name/copies/required/licence_kind]), ...] in bundle order.

    Required materials only; two rows are the same material when their normalised names
    match or they name the same electronic licence kind. The first name seen is kept;
    copies is the largest asked for.
    """
    merged: list[MergedMaterial] = []
    for label, materials in members:
        for m in materials:
            if not m.required:
                continue
            key = normalise_material_name(m.name)
            kind = (m.licence_kind or "").strip()
            match = next(
                (g for g in merged if key in g.names or (kind and kind == g.licence_kind)), None,
            )
            if match is None:
                match = MergedMaterial(name=m.name.strip(), copies=m.copies, licence_kind=kind)
                merged.append(match)
            match.names.add(key)
            match.copies = max(match.copies, m.copies)
            if kind and not match.licence_kind:
                match.licence_kind = kind
            if label not in match.items:
                match.items.append(label)
    return merged
