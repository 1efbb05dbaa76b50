#!/usr/bin/env python3
"""Fails when a file in src/<layer>/ includes a header of a layer above it.

The order is the one in ../shared/STYLE.md and docs/architecture.md. A layer
may include itself and any layer listed before it; generated headers
(common/version.h) belong to their layer like any other.
"""
import pathlib
import re
import sys

LAYERS = ["common", "io", "vector", "formats", "iceberg", "catalog", "sql", "server", "cli"]
# Layers that sit side by side rather than one above the other.
ALLOWED_EXTRA = {"vector": set(), "io": set()}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/', re.M)


def main() -> int:
    src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    bad = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cc", ".in"):
            continue
        layer = path.relative_to(src).parts[0]
        if layer not in LAYERS:
            bad.append(f"{path}: folder '{layer}' is not a known layer {LAYERS}")
            continue
        rank = LAYERS.index(layer)
        for m in INCLUDE.finditer(path.read_text(errors="replace")):
            target = m.group(1)
            if target not in LAYERS:
                continue
            if LAYERS.index(target) > rank and target not in ALLOWED_EXTRA.get(layer, set()):
                line = path.read_text(errors="replace")[: m.start()].count("\n") + 1
                bad.append(f"{path}:{line}: layer '{layer}' includes '{target}', a layer above it")
            # io and vector are siblings: neither may include the other.
            if {layer, target} == {"io", "vector"}:
                line = path.read_text(errors="replace")[: m.start()].count("\n") + 1
                bad.append(f"{path}:{line}: 'io' and 'vector' are independent layers")
    for b in bad:
        print(b)
    print(f"check_layers: {len(bad)} violation(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
