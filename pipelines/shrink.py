#!/usr/bin/python3
"""shrink.py IN.png OUT.png — the README gallery's copy of a figure: 128 colours,
optimised, so that each committed PNG stays under 100 KB.  Needs Debian python3-pil."""
import sys

from PIL import Image

src, dst = sys.argv[1], sys.argv[2]
Image.open(src).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(dst, optimize=True)
