#!/usr/bin/env bash
# Regenerates the placeholder photos of the photo-row and contents samples (no real photos are
# available). Needs ImageMagick 6 (`apt-get install imagemagick`). Output is committed; run only
# to change the pictures.
#
# The portraits are stored as a phone stores them: landscape pixels with the EXIF orientation
# "rotate 90° clockwise to view" (6), which jianbao applies when it reads them.
set -euo pipefail
cd "$(dirname "$0")"
make() { # name width height colour1 colour2 extra-options...
  local name=$1 w=$2 h=$3 c1=$4 c2=$5
  shift 5
  convert -size "${w}x${h}" "gradient:$c1-$c2" \
    -fill 'rgba(255,255,255,0.35)' -draw "circle $(( w*2/3 )),$(( h/3 )) $(( w*2/3 + h/6 )),$(( h/3 ))" \
    -fill 'rgba(0,0,0,0.25)' -draw "rectangle 0,$(( h*3/4 )) $w,$h" \
    -stroke white -strokewidth 6 -fill none -draw "rectangle 12,12 $(( w-12 )),$(( h-12 ))" \
    -depth 8 -strip "$@" -quality 85 "$name.jpg"
}
# Landscape 4:3.
make hall 1200 900 '#8a5a2b' '#f3e6d6'
# Portraits: drawn upright (750 × 1000), then stored rotated a quarter turn back with
# orientation 6, as a phone held upright writes them.
make portrait-a 750 1000 '#2b6f8a' '#d6eef3' -rotate -90
make portrait-b 750 1000 '#6a2b8a' '#ead6f3' -rotate -90
# An EXIF segment with only the orientation (6), right after the JPEG's start marker.
for f in portrait-a.jpg portrait-b.jpg; do
  python3 - "$f" <<'PY'
import struct, sys
path = sys.argv[1]
data = open(path, 'rb').read()
ifd = struct.pack('<H', 1) + struct.pack('<HHIHH', 0x0112, 3, 1, 6, 0) + struct.pack('<I', 0)
tiff = b'II*\x00' + struct.pack('<I', 8) + ifd
body = b'Exif\x00\x00' + tiff
open(path, 'wb').write(data[:2] + b'\xff\xe1' + struct.pack('>H', len(body) + 2) + body + data[2:])
PY
done
