#!/usr/bin/env bash
# Regenerates the placeholder photos of the cqa-2020-03-10 sample (the real photos are not available).
# Needs ImageMagick 6 (`apt-get install imagemagick`). Output is committed; run only to change the pictures.
set -euo pipefail
cd "$(dirname "$0")"
make() { # name ext width height colour1 colour2 png-format-prefix
  convert -size "$3x$4" "gradient:$5-$6" \
    -fill 'rgba(255,255,255,0.35)' -draw "circle $(( $3*2/3 )),$(( $4/3 )) $(( $3*2/3 + $4/6 )),$(( $4/3 ))" \
    -fill 'rgba(0,0,0,0.25)' -draw "rectangle 0,$(( $4*3/4 )) $3,$4" \
    -stroke white -strokewidth 6 -fill none -draw "rectangle 12,12 $(( $3-12 )),$(( $4-12 ))" \
    -depth 8 -strip "$7$1.$2"
}
make fig1 jpg 1200 800 '#4a7fb5' '#d9e6f2' ''
make fig2 png 1000 750 '#7a9a4b' '#eef3e2' PNG24:
make fig3 jpg 1024 640 '#b5654a' '#f6e2d9' ''
make fig4 png 900 900 '#5b4ab5' '#e4e0f6' PNG32:
make fig5 jpg 1280 720 '#3d8f8a' '#dcf0ee' ''
