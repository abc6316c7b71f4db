#!/usr/bin/env bash
# Sets up what tests/batch_print.rs prints to: a real CUPS scheduler with a virtual printer
# `jianbao-test` that writes every job as a PDF (cups-pdf) into /var/spool/cups-pdf/jianbao-test.
# Idempotent; needs root (CI runs as root). Installs the Debian packages if missing, starts
# cupsd if it is not running (CI machines start no services), and (re)creates the queue.
set -euo pipefail
# cupsd and lpadmin live in /usr/sbin, which a minimal PATH may leave out.
export PATH="$PATH:/usr/sbin:/sbin"

queue=jianbao-test
out=/var/spool/cups-pdf/$queue

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v cupsd >/dev/null || ! command -v lp >/dev/null || [ ! -x /usr/lib/cups/backend/cups-pdf ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    cups cups-client printer-driver-cups-pdf >/dev/null
fi

# cups-pdf reads /etc/cups/cups-pdf-NAME.conf for the device cups-pdf:/NAME: put this queue's
# PDFs in a directory of their own, named …-job_ID.pdf so that a test finds its job's file.
as_root mkdir -p "$out"
as_root tee "/etc/cups/cups-pdf-$queue.conf" >/dev/null <<EOF
Out $out
Label 2
TitlePref 1
EOF

if ! lpstat -r 2>/dev/null | grep -q 'is running'; then
  as_root cupsd
  for _ in $(seq 50); do
    lpstat -r 2>/dev/null | grep -q 'is running' && break
    sleep 0.2
  done
fi
lpstat -r | grep -q 'is running' || { echo "cupsd did not start" >&2; exit 1; }

# The PPD ships with printer-driver-cups-pdf ("printer drivers are deprecated" is lpadmin's
# notice about PPDs in general, not an error).
as_root lpadmin -p "$queue" -E -v "cups-pdf:/$queue" -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null
as_root cupsenable "$queue"
as_root cupsaccept "$queue"
lpstat -p "$queue"
