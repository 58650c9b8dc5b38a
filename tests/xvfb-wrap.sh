#!/bin/sh
# Runs one test under its own Xvfb server, found with -displayfd.
set -eu
fifo=$(mktemp -u)
mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 "${XVFB_SCREEN:-1280x800x24}" -nolisten tcp 3>"$fifo" 2>/dev/null &
xvfb=$!
read -r disp <"$fifo"
rm -f "$fifo"
trap 'kill $xvfb 2>/dev/null || true' EXIT INT TERM
export DISPLAY=":$disp"
export GDK_BACKEND=x11
# No session bus: where dbus-x11 is installed, GDBus would start one for
# the display (left running after the test), and the application stays
# exported on it, so the next case of the same test cannot register.
export DBUS_SESSION_BUS_ADDRESS=disabled:
"$@"
