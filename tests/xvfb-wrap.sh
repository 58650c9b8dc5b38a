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
# No session bus: with dbus-x11 installed GDBus would launch one for the
# display (a daemon left running after the test), and the application's
# calls on it hold it alive after a test drops it, so the next test's
# application cannot register.
export DBUS_SESSION_BUS_ADDRESS=disabled:
"$@"
