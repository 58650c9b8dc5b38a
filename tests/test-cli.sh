#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# TAP test of coachbook-cli: generate, stats, search, check, and the
# exit status / one-line-on-stderr contract for errors.
#
# Usage: test-cli.sh PATH-TO-coachbook-cli

set -u

cli=${1:?usage: test-cli.sh PATH-TO-coachbook-cli}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
db="$tmp/cb.db"
export LC_ALL=C.UTF-8 LANGUAGE=

n=0
failed=0

ok ()
{
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok ()
{
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  if [ -s "$tmp/err" ]; then
    sed 's/^/# stderr: /' "$tmp/err"
  fi
}

check ()
{
  desc=$1
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# run EXPECTED-STATUS ARGS...: runs the CLI, stdout in $tmp/out, stderr in $tmp/err
run ()
{
  expected=$1
  shift
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "# $cli $*: exit status $status, expected $expected"
    return 1
  fi
  return 0
}

# exactly one line on stderr, prefixed with the program name
one_error_line ()
{
  [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q '^coachbook-cli: .' "$tmp/err"
}

check "generate 2000 records" run 0 --db "$db" generate --records 2000 --seed 7
check "generate reports what it did" grep -q "Generated [0-9]* records in" "$tmp/out"
check "generate is quiet on stderr" test ! -s "$tmp/err"

check "stats succeeds (--db after the command)" run 0 stats --db "$db"
for kind in school person engagement observation evidence tally coplan \
            coaching_log segment action_item pd_session agenda_item \
            attendance framework look_for cycle data_point student_work; do
  check "stats lists $kind" grep -q "^$kind " "$tmp/out"
done
check "stats shows the replica" grep -q "^Replica: *[0-9a-f]\{16\}$" "$tmp/out"
check "stats shows the schema version" grep -q "^Schema version: *[0-9]" "$tmp/out"
check "stats shows the size" grep -q "^Size: *[1-9][0-9]* bytes" "$tmp/out"
check "stats shows conflicts" grep -q "^Conflicts: *0$" "$tmp/out"
check "every kind has live records" sh -c "awk '/^(school|person|engagement|observation|evidence|tally|coplan|coaching_log|segment|action_item|pd_session|agenda_item|attendance|framework|look_for|exit_question|exit_ticket|exit_answer|cycle|data_point|student_work|walk_form|walk_item|walk_score) / && \$2 == 0 { bad = 1 } END { exit bad }' '$tmp/out'"

check "csv cycle succeeds" run 0 --db "$db" csv cycle -o "$tmp/cycles.csv"
check "csv cycle has baseline, target and latest value" \
  grep -q "^Student goal,Teachers,School,Measure,Unit,Start date,End date,Status,Baseline,Baseline date,Target,Target date,Latest value,Latest date,Data points,Cycle ID" "$tmp/cycles.csv"
check "csv cycle has generated cycles" sh -c "test \$(wc -l < '$tmp/cycles.csv') -gt 2"
check "csv names the kinds it knows" sh -c "'$cli' --db '$db' csv nope -o - 2>&1 | grep -q 'cycle, inquiry_cycle, exit_ticket, exit_ticket_summary, walk_score_counts or trends'"

check "csv trends succeeds" run 0 --db "$db" csv trends -o "$tmp/trends.csv"
check "csv trends has its header" \
  grep -q "^Month,Observations,Look-fors seen,Look-fors seen per observation,Observations timed," "$tmp/trends.csv"
check "csv trends has a row per month" sh -c "test \$(grep -c '^20[0-9][0-9]-[01][0-9],' '$tmp/trends.csv') -ge 3"
trend_obs=$(awk -F, 'NR > 1 { n += $2 } END { print n + 0 }' "$tmp/trends.csv")
shared_obs=$(sqlite3 "$db" "SELECT count (*) FROM records r JOIN k_observation k ON k.id = r.id WHERE r.deleted = 0 AND k.date IS NOT NULL AND r.privacy <> 'private'" 2>/dev/null || echo "?")
check "csv trends counts the observations that may leave" test "$trend_obs" = "$shared_obs"
teacher=$(sqlite3 "$db" "SELECT k.teacher FROM records r JOIN k_observation k ON k.id = r.id WHERE r.deleted = 0 AND r.privacy <> 'private' GROUP BY k.teacher ORDER BY count (*) DESC LIMIT 1" 2>/dev/null || true)
check "csv trends --teacher succeeds" run 0 --db "$db" csv trends --teacher "$teacher" -o "$tmp/trends-teacher.csv"
check "a teacher's months count fewer observations" \
  sh -c "test \$(awk -F, 'NR > 1 { n += \$2 } END { print n + 0 }' '$tmp/trends-teacher.csv') -lt $trend_obs"
check "csv trends --teacher with an unknown ID is refused" run 1 --db "$db" csv trends --teacher nope -o -
check "the error is one line" one_error_line
check "--teacher goes with trends only" run 2 --db "$db" csv cycle --teacher "$teacher" -o -
check "csv inquiry_cycle succeeds" run 0 --db "$db" csv inquiry_cycle -o "$tmp/inquiry.csv"
check "csv inquiry_cycle has the chain position and latest value" \
  grep -q "^Team,School,Change idea,Aim statement or problem of practice,Measure,Unit,Start date,End date,Status,Decision,Cycle in chain,Previous cycle ID,Latest value,Latest date,Data points,Cycle ID" "$tmp/inquiry.csv"
check "csv inquiry_cycle has generated chains of three" grep -q ",3,[0-9a-f-]\{36\},[0-9.]*,[0-9-]*,[1-9][0-9]*,[0-9a-f-]\{36\}" "$tmp/inquiry.csv"
check "csv walk_score_counts succeeds" run 0 --db "$db" csv walk_score_counts --from 2000-01-01 --to 2100-12-31 -o "$tmp/walk.csv"
check "csv walk_score_counts counts scores per item" \
  grep -q "^NCTM Teaching Practices Walkthrough,1,The mathematics goal focuses the lesson,[0-9]*,[0-9]*,[0-9]*,[0-9]*,0,0,0,[1-9]" "$tmp/walk.csv"
check "csv walk_score_counts refuses a bad date" run 2 --db "$db" csv walk_score_counts --from May -o "$tmp/walk.csv"

check "search finds notes" run 0 --db "$db" search productive struggle
check "search prints hits" test -s "$tmp/out"
check "search hits are kind, UUID, title and snippet" \
  sh -c "awk -F '\t' 'NF != 4 || length(\$2) != 36 || \$2 !~ /^[0-9a-f-]+\$/ { bad = 1 } END { exit bad }' '$tmp/out'"
check "search marks matches with brackets off a terminal" grep -q '\[[Pp]roductive\]' "$tmp/out"
check "search --limit" run 0 --db "$db" search struggle --limit 3
check "search --limit limits" test "$(wc -l <"$tmp/out")" -le 3
check "search --kind" run 0 --db "$db" search estudiantes --kind evidence
check "search --kind keeps to the kind" sh -c "test -s '$tmp/out' && ! grep -qv '^evidence	' '$tmp/out'"
check "search without a query is a usage error" run 2 --db "$db" search
check "usage error is one line" one_error_line
check "search with an unknown kind is a usage error" run 2 --db "$db" search x --kind nope

sqlite3 "$db" "SELECT r.uuid FROM records r JOIN k_pd_session k ON k.id = r.id WHERE r.privacy = 'private'" >"$tmp/private-sessions" 2>/dev/null || true
[ -s "$tmp/private-sessions" ] || echo "no private session in this data set" >"$tmp/private-sessions"

check "check succeeds" run 0 check --db "$db"
check "check reports the search index" grep -q "search index: ok" "$tmp/out"

eng=$(sqlite3 "$db" "SELECT r.uuid FROM records r JOIN k_engagement k ON k.id = r.id LIMIT 1" 2>/dev/null || true)
check "delivered writes the contract as CSV" run 0 --db "$db" delivered "$eng" -o "$tmp/delivered.csv"
check "the CSV has the table" grep -q "^Coach days,[0-9]" "$tmp/delivered.csv"
check "delivered writes the contract as PDF" run 0 --db "$db" delivered "$eng" -o "$tmp/delivered.pdf"
check "the PDF is a PDF" grep -q "^%PDF" "$tmp/delivered.pdf"
check "delivered needs .csv or .pdf" run 2 --db "$db" delivered "$eng" -o "$tmp/delivered.txt"
check "that failure is one line" one_error_line

check "report writes the year's report as CSV" run 0 --db "$db" report "$eng" -o "$tmp/report.csv"
check "with the delivered table" grep -q "^Coach days,[0-9]" "$tmp/report.csv"
present=$(sqlite3 "$db" "SELECT count(*) FROM k_attendance a JOIN records ra ON ra.id = a.id JOIN records rs ON rs.uuid = a.session JOIN k_pd_session s ON s.id = rs.id WHERE a.present = 1 AND ra.deleted = 0 AND rs.deleted = 0 AND rs.privacy <> 'private' AND ra.privacy <> 'private' AND s.engagement = '$eng'" 2>/dev/null || true)
check "and the year's attendance, as the records have it" grep -q "^,The year,$present," "$tmp/report.csv"
check "report writes the year's report as PDF" run 0 --db "$db" report "$eng" -o "$tmp/report.pdf"
check "with PD attendance and exit tickets" sh -c "pdftotext '$tmp/report.pdf' - | grep -q 'PD attendance and exit tickets'"
check "report needs .csv or .pdf" run 2 --db "$db" report "$eng" -o "$tmp/report.txt"

check "csv exit_ticket writes one row per answer" run 0 --db "$db" csv exit_ticket -o "$tmp/exit.csv"
check "with the header" sh -c "head -1 '$tmp/exit.csv' | grep -q '^Session,Date,Ticket,Respondent,Question,Level,Score,Answer,Session ID'"
check "and a row per shared answer" sh -c "test \$(grep -c 'Reaction\|Learning\|Use' '$tmp/exit.csv') -ge 10"
check "csv exit_ticket_summary writes the aggregates" run 0 --db "$db" csv exit_ticket_summary -o "$tmp/exit-summary.csv"
check "with n, 1 to 5 and the mean" grep -q ',Reaction,Scale of 1 to 5,[0-9]*,[0-9]*,[0-9]*,[0-9]*,[0-9]*,[0-9]*,[1-5]\.[0-9]' "$tmp/exit-summary.csv"
check "private sessions' tickets stay" sh -c "! grep -F -f '$tmp/private-sessions' '$tmp/exit.csv'"

session=$(sqlite3 "$db" "SELECT r.uuid FROM records r JOIN k_pd_session k ON k.id = r.id WHERE r.privacy = 'team' AND r.uuid IN (SELECT session FROM k_attendance) LIMIT 1" 2>/dev/null || true)
private_session=$(sqlite3 "$db" "SELECT r.uuid FROM records r JOIN k_pd_session k ON k.id = r.id WHERE r.privacy = 'private' LIMIT 1" 2>/dev/null || true)
check "signin writes the sign-in sheet" run 0 --db "$db" signin "$session" -o "$tmp/signin.pdf"
check "the sheet names a person signed in" sh -c "pdftotext '$tmp/signin.pdf' - | grep -qF \"\$(sqlite3 '$db' \"SELECT p.name FROM k_attendance a JOIN records rp ON rp.uuid = a.person JOIN k_person p ON p.id = rp.id WHERE rp.privacy = 'team' AND a.session = '$session' LIMIT 1\")\""
check "and has a column to sign" sh -c "pdftotext '$tmp/signin.pdf' - | grep -q Signature"
check "signin needs -o FILE.pdf" run 2 --db "$db" signin "$session" -o "$tmp/signin.txt"
check "that failure is one line" one_error_line
if [ -n "$private_session" ]; then
  check "a private session's sheet is refused" run 1 --db "$db" signin "$private_session" -o "$tmp/private.pdf"
  check "that failure is one line" one_error_line
  check "and leaves no file" test ! -e "$tmp/private.pdf"
fi

# Only the commands that draw a PDF load cairo and Pango, from the private
# module coachbook-pdf.so (COACHBOOK_MODULEDIR here, uninstalled).
check "the program itself does not link cairo or Pango" \
  sh -c "! ldd '$cli' | grep -E 'lib(cairo|pango|harfbuzz|fontconfig|freetype)'"
check "search loads no cairo or Pango" \
  sh -c "LD_DEBUG=files '$cli' --db '$db' search productive struggle 2>&1 >/dev/null | grep -q 'file=.*libglib' &&
         ! LD_DEBUG=files '$cli' --db '$db' search productive struggle 2>&1 >/dev/null | grep -E 'file=.*lib(cairo|pango)'"
check "the PDF of delivered loads cairo" \
  sh -c "LD_DEBUG=files '$cli' --db '$db' delivered '$eng' -o '$tmp/delivered2.pdf' 2>&1 >/dev/null | grep -q 'file=.*libcairo'"
nomodule="$tmp/no-module"
mkdir -p "$nomodule"
check "without the PDF module, delivered -o FILE.pdf fails" \
  sh -c "COACHBOOK_MODULEDIR='$nomodule' '$cli' --db '$db' delivered '$eng' -o '$tmp/nomodule.pdf' >'$tmp/out' 2>'$tmp/err'; test \$? -eq 1"
check "that failure is one line" one_error_line
check "that line names the module" grep -q "coachbook-pdf.so" "$tmp/err"
check "no PDF is left" test ! -e "$tmp/nomodule.pdf"
check "without the PDF module, packet fails" \
  sh -c "COACHBOOK_MODULEDIR='$nomodule' '$cli' --db '$db' packet 00000000-0000-0000-0000-000000000000 -o '$tmp/nomodule.pdf' >'$tmp/out' 2>'$tmp/err'; test \$? -eq 1"
check "that failure is one line" one_error_line
check "that line names the module" grep -q "coachbook-pdf.so" "$tmp/err"
check "without the PDF module, delivered -o FILE.csv works" \
  sh -c "COACHBOOK_MODULEDIR='$nomodule' '$cli' --db '$db' delivered '$eng' -o '$tmp/nomodule.csv' && grep -q '^Coach days,[0-9]' '$tmp/nomodule.csv'"
check "without the PDF module, search works" \
  sh -c "COACHBOOK_MODULEDIR='$nomodule' '$cli' --db '$db' search productive struggle | grep -q ."
printf 'not a module\n' >"$nomodule/coachbook-pdf.so"
check "a damaged PDF module fails packet" \
  sh -c "COACHBOOK_MODULEDIR='$nomodule' '$cli' --db '$db' packet 00000000-0000-0000-0000-000000000000 -o '$tmp/nomodule.pdf' >'$tmp/out' 2>'$tmp/err'; test \$? -eq 1"
check "that failure is one line" one_error_line

# Run from the build tree without COACHBOOK_MODULEDIR, talk cannot open
# coachbook-talk.so where an installed one would be: it says how to run.
check "talk from the build tree without COACHBOOK_MODULEDIR fails" \
  sh -c "env -u COACHBOOK_MODULEDIR '$cli' talk '$tmp/lesson.wav' >'$tmp/out' 2>'$tmp/err'; test \$? -eq 1"
check "that failure is one line" one_error_line
check "that line says what to set" grep -q "COACHBOOK_MODULEDIR=$(cd "$(dirname "$cli")" && pwd -P)" "$tmp/err"

check "the same seed twice fails" run 1 --db "$db" generate --records 100 --seed 7
check "that failure is one line" one_error_line

printf 'this is not a database, just some text\n' >"$tmp/notes.txt"
cp "$tmp/notes.txt" "$tmp/notes.orig"
check "a non-database file fails" run 1 --db "$tmp/notes.txt" stats
check "that failure is one line" one_error_line
check "the file is left untouched" cmp -s "$tmp/notes.txt" "$tmp/notes.orig"
check "check on a non-database file fails" run 1 --db "$tmp/notes.txt" check

check "a missing database fails" run 1 --db "$tmp/missing.db" stats
check "that failure is one line" one_error_line
check "and creates nothing" test ! -e "$tmp/missing.db"

check "an unknown command is a usage error" run 2 --db "$db" frobnicate
check "that failure is one line" one_error_line
check "no command is a usage error" run 2 --db "$db"
check "an unknown option is a usage error" run 2 --db "$db" stats --frobnicate
check "that failure is one line" one_error_line
check "a bad --records is a usage error" run 2 --db "$db" generate --records many

# backup and restore
check "backup" run 0 --db "$db" backup "$tmp/backup.db"
check "the backup is a sound database" run 0 --db "$tmp/backup.db" check
check "a backup never overwrites a file" run 1 --db "$db" backup "$tmp/backup.db"
check "that failure is one line" one_error_line
check "a backup leaves no partial file behind" sh -c "! ls '$tmp' | grep -q partial"
counts ()
{
  "$cli" --db "$1" stats 2>/dev/null | grep -E '^[a-z_]+ ' >"$2"
}
replica ()
{
  "$cli" --db "$1" stats 2>/dev/null | grep '^Replica:'
}
counts "$db" "$tmp/counts-before"
check "restore onto a new laptop" run 0 --db "$tmp/restored.db" restore "$tmp/backup.db"
counts "$tmp/restored.db" "$tmp/counts-after"
check "restore brings every record back" cmp -s "$tmp/counts-before" "$tmp/counts-after"
check "a restored database takes a new replica id" test "$(replica "$db")" != "$(replica "$tmp/restored.db")"
check "restoring a non-database fails" run 1 --db "$tmp/restored.db" restore "$tmp/notes.txt"
check "that failure is one line" one_error_line
check "restoring a missing file fails" run 1 --db "$tmp/restored.db" restore "$tmp/nothing.db"
check "that failure is one line" one_error_line
check "a failed restore onto a new path leaves no database" sh -c "! \"$cli\" --db '$tmp/new-r.db' restore '$tmp/notes.txt' 2>/dev/null && ! ls '$tmp' | grep -q '^new-r.db'"
check "a failed import onto a new path leaves no database" sh -c "! \"$cli\" --db '$tmp/new-i.db' import '$tmp/notes.txt' 2>/dev/null && ! ls '$tmp' | grep -q '^new-i.db'"
counts "$tmp/restored.db" "$tmp/counts-refused"
check "a refused restore changes nothing" cmp -s "$tmp/counts-after" "$tmp/counts-refused"

# sync: the app's Sync Now, through a folder two laptops share
mkdir -p "$tmp/syncf"
check "sync writes this laptop's changes" run 0 --db "$db" sync "$tmp/syncf"
check "sync says what it wrote" grep -q "^Wrote: [0-9a-f]\{16\}/1-[0-9]*\.coachbook\.xml" "$tmp/out"
check "the file is in the laptop's own folder" sh -c "ls '$tmp/syncf'/*/1-*.coachbook.xml >/dev/null"
check "a second laptop reads it" run 0 --db "$tmp/second.db" sync "$tmp/syncf"
check "and names the file it read" grep -q "^    [0-9a-f]\{16\}/1-[0-9]*\.coachbook\.xml$" "$tmp/out"
check "the second laptop has every shared record" test "$("$cli" --db "$tmp/second.db" stats | grep -c '^[a-z_]* ')" -gt 0
check "a sync with nothing new reads nothing" run 0 --db "$tmp/second.db" sync "$tmp/syncf"
check "and says so, in the singular" grep -q "^1 exchange file in the folder:$" "$tmp/out"
check "and that it had it already" grep -q "^  Already had: 1$" "$tmp/out"
check "and read nothing" grep -q "^  Imported now: 0$" "$tmp/out"
check "sync without a folder is a usage error" run 2 --db "$db" sync
check "that failure is one line" one_error_line
check "sync to a missing folder fails" run 1 --db "$db" sync "$tmp/nowhere"
check "that failure is one line" one_error_line
check "a failed sync onto a new path leaves no database" sh -c "! \"$cli\" --db '$tmp/new-s.db' sync '$tmp/nowhere' 2>/dev/null && ! ls '$tmp' | grep -q '^new-s.db'"

# a full disk (a file size limit stands in for it): one line, no file
check "export onto a full disk fails" sh -c "ulimit -f 400; trap '' XFSZ; \"$cli\" --db '$db' export '$tmp/full.xml' >'$tmp/out' 2>'$tmp/err'; [ \$? -eq 1 ]"
check "that failure is one line" one_error_line
check "and leaves no file" sh -c "! ls -A '$tmp' | grep -q 'full.xml'"

# encrypted exchange files: the passphrase from a file, or from the
# terminal with echo off (script(1) gives the program a terminal; the
# answers are typed after the prompts, as a person would, since what is
# typed ahead is dropped)
printf 'teal otter 42\n' >"$tmp/pass"
printf 'teal otter 43\n' >"$tmp/wrong"
: >"$tmp/empty-pass"
check "export --encrypt --passphrase-file" run 0 --db "$db" export "$tmp/sealed.coachbook.enc" --encrypt --passphrase-file "$tmp/pass"
check "the file starts with the encrypted header" sh -c "head -c 8 '$tmp/sealed.coachbook.enc' | grep -q '^CBCRYPT'"
check "the file holds no XML in clear" sh -c "! grep -q -a -e '<?xml' -e 'coachbook' '$tmp/sealed.coachbook.enc'"
check "plain export" run 0 --db "$db" export "$tmp/plain.coachbook.xml"
check "plain import into a new database, no passphrase asked" \
  sh -c "setsid -w '$cli' --db '$tmp/plain.db' import '$tmp/plain.coachbook.xml' </dev/null >'$tmp/out' 2>'$tmp/err'"
check "import --passphrase-file" run 0 --db "$tmp/sealed.db" import "$tmp/sealed.coachbook.enc" --passphrase-file "$tmp/pass"
counts "$tmp/plain.db" "$tmp/counts-plain"
counts "$tmp/sealed.db" "$tmp/counts-sealed"
check "the encrypted file brings what the plain one does" cmp -s "$tmp/counts-plain" "$tmp/counts-sealed"
check "the counts are not empty" grep -q '^observation *[1-9]' "$tmp/counts-sealed"
cp "$tmp/plain.db" "$tmp/other.db"
counts "$tmp/other.db" "$tmp/other-before"
check "a wrong passphrase fails" run 1 --db "$tmp/other.db" import "$tmp/sealed.coachbook.enc" --passphrase-file "$tmp/wrong"
check "that failure is one line" one_error_line
check "that line says the passphrase is wrong" grep -q "passphrase is wrong" "$tmp/err"
check "an empty passphrase fails" run 1 --db "$tmp/other.db" import "$tmp/sealed.coachbook.enc" --passphrase-file "$tmp/empty-pass"
check "that failure is one line" one_error_line
check "no terminal and no passphrase file fails" \
  sh -c "setsid -w '$cli' --db '$tmp/other.db' import '$tmp/sealed.coachbook.enc' </dev/null >'$tmp/out' 2>'$tmp/err'; test \$? -eq 1"
check "that failure is one line" one_error_line
check "that line names --passphrase-file" grep -q -- "--passphrase-file" "$tmp/err"
head -c 50000 "$tmp/sealed.coachbook.enc" >"$tmp/cut.coachbook.enc"
check "a truncated file fails" run 1 --db "$tmp/other.db" import "$tmp/cut.coachbook.enc" --passphrase-file "$tmp/pass"
check "that failure is one line" one_error_line
check "that line says it is cut short" grep -q "cut short" "$tmp/err"
counts "$tmp/other.db" "$tmp/other-after"
check "refused imports change nothing" cmp -s "$tmp/other-before" "$tmp/other-after"
# an encrypted sync folder: the team passphrase from a file, or asked
mkdir -p "$tmp/syncenc"
check "sync --passphrase-file writes an encrypted change file" run 0 --db "$db" sync "$tmp/syncenc" --passphrase-file "$tmp/pass"
check "the change file starts with the encrypted header" sh -c "head -c 8 '$tmp/syncenc'/*/1-*.coachbook.xml | grep -q '^CBCRYPT'"
check "a second laptop with the passphrase reads it" run 0 --db "$tmp/syncenc2.db" sync "$tmp/syncenc" --passphrase-file "$tmp/pass"
check "and names the file it read" grep -q "^    [0-9a-f]\{16\}/1-[0-9]*\.coachbook\.xml$" "$tmp/out"
ls -R "$tmp/syncenc" >"$tmp/syncenc-before"
check "a wrong team passphrase fails" run 1 --db "$tmp/syncenc3.db" sync "$tmp/syncenc" --passphrase-file "$tmp/wrong"
check "that failure is one line" one_error_line
check "that line says the passphrase does not open the files" grep -q "passphrase does not open" "$tmp/err"
check "and writes nothing to the folder" sh -c "ls -R '$tmp/syncenc' | cmp -s - '$tmp/syncenc-before'"
check "an encrypted folder with no terminal and no passphrase file fails" \
  sh -c "setsid -w '$cli' --db '$tmp/syncenc3.db' sync '$tmp/syncenc' </dev/null >'$tmp/out' 2>'$tmp/err'; test \$? -eq 1"
check "that failure is one line" one_error_line
check "sync asks on the terminal when the folder is encrypted" \
  sh -c "(sleep 1; printf 'teal otter 42\n'; sleep 1) | script -qec \"'$cli' --db '$tmp/syncenc4.db' sync '$tmp/syncenc'\" /dev/null >'$tmp/out' 2>'$tmp/err' &&
         grep -q 'Passphrase:' '$tmp/out' && grep -q 'Imported now: [1-9]' '$tmp/out' && ! grep -q 'otter' '$tmp/out'"
check "an empty passphrase is refused at export" run 1 --db "$db" export "$tmp/never.enc" --passphrase-file "$tmp/empty-pass"
check "and writes no file" test ! -e "$tmp/never.enc"
check "export asks twice on the terminal, without echo" \
  sh -c "(sleep 1; printf 'blue heron 7\n'; sleep 1; printf 'blue heron 7\n'; sleep 1) | script -qec \"'$cli' --db '$db' export '$tmp/tty.coachbook.enc' --encrypt\" /dev/null >'$tmp/out' 2>'$tmp/err' &&
         grep -q 'Passphrase:' '$tmp/out' && ! grep -q 'heron' '$tmp/out'"
check "import asks on the terminal, without echo" \
  sh -c "(sleep 1; printf 'blue heron 7\n'; sleep 1) | script -qec \"'$cli' --db '$tmp/tty.db' import '$tmp/tty.coachbook.enc'\" /dev/null >'$tmp/out' 2>'$tmp/err' &&
         grep -q 'Total' '$tmp/out' && ! grep -q 'heron' '$tmp/out'"
check "two different passphrases at export write nothing" \
  sh -c "(sleep 1; printf 'blue heron 7\n'; sleep 1; printf 'blue heron 8\n'; sleep 1) | script -qec \"'$cli' --db '$db' export '$tmp/typo.coachbook.enc' --encrypt\" /dev/null >'$tmp/out' 2>'$tmp/err'; test ! -e '$tmp/typo.coachbook.enc' && grep -q 'differ' '$tmp/out'"

check "--version" run 0 --version
check "--version prints the version" grep -q "^coachbook-cli [0-9]" "$tmp/out"
check "--help" run 0 --help
check "--help lists the commands" grep -q "generate" "$tmp/out"

echo "1..$n"
[ "$failed" -eq 0 ]
