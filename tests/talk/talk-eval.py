#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds a synthetic lesson recording with espeak-ng and sox at known
times, runs `coachbook-cli talk` on it and compares the labels, one
second at a time, with the known ones: the agreement and the confusion
table are printed, and the test fails under 85 %. Then the teacher/
student split (`--teacher-from` on the first seconds, where the lower
teacher voice talks alone) is compared on the one-voice seconds, and
fails under 80 %.

The labels are compared twice where webrtcdsp (gstreamer1.0-plugins-bad)
is installed: with its voice detection (COACHBOOK_TALK_VAD=1) and with
the loudness alone (COACHBOOK_TALK_VAD=0); and on the same lesson with
noise that comes and goes in its silences (chairs, a door: bursts of
noise), which the loudness alone can take for voices. The thresholds
hold for the default (COACHBOOK_TALK_VAD unset).

usage: talk-eval.py COACHBOOK-CLI WORKDIR
Everything is written in WORKDIR (inside the build tree)."""

import os
import struct
import subprocess
import sys

RATE = 16000
TEXTS = [
    "so today we are going to look at how fractions work on the number line and I want you "
    "to think about where one half would go and then where three quarters would go and how "
    "you know that one is bigger than the other because the distance from zero tells us the "
    "size of the number we are working with",
    "I think it goes here because if you split the line into four equal parts then three of "
    "them is more than two of them and two of them is the same as one half",
    "wait no it has to be closer to one because three quarters is almost the whole thing and "
    "one half is only in the middle so we should move it over a little bit more",
    "can we use the blocks to check because I am not sure the parts are equal and my partner "
    "drew them bigger on this side than on the other side of the line",
    "we got five eighths but they got six eighths and we think both could work if the line "
    "is long enough so can we try again with a longer line",
]
TEACHER = ("en-us", 25, 150, 1.0)
STUDENTS = [("en-us+f3", 75, 165, 0.7), ("en-us+f4", 85, 175, 0.6),
            ("en-gb+m2", 65, 170, 0.5), ("en-us+f1", 80, 160, 0.65)]

# (seconds, kind): kind is teacher, student (one voice), group, silence
SCHEDULE = [
    (20, "teacher"), (6, "silence"), (12, "group"), (8, "student"), (15, "teacher"),
    (5, "silence"), (15, "group"), (10, "teacher"), (10, "student"), (8, "silence"),
    (10, "group"), (25, "teacher"), (6, "student"), (12, "group"), (6, "silence"),
    (12, "teacher"),
]
TRUTH = {"teacher": "one", "student": "one", "group": "several", "silence": "silence"}
LABELS = ["silence", "one", "several"]


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def speak(work, name, voice, text, seconds, offset=0.0):
    v, pitch, speed, vol = voice
    raw = os.path.join(work, name + "-raw.wav")
    out = os.path.join(work, name + ".wav")
    run("espeak-ng", "-v", v, "-p", str(pitch), "-s", str(speed), "-w", raw, text + " " + text)
    # from `offset` seconds into the speech, exactly `seconds` long
    run("sox", raw, "-r", str(RATE), "-c", "1", "-b", "16", out, "vol", str(vol),
        "trim", str(offset), str(seconds), "pad", "0", str(seconds))
    run("sox", out, os.path.join(work, name + "-t.wav"), "trim", "0", str(seconds))
    return os.path.join(work, name + "-t.wav")


def silence(work, name, seconds):
    out = os.path.join(work, name + ".wav")
    run("sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", out, "trim", "0", str(seconds))
    return out


def segment(work, i, seconds, kind):
    name = "seg%02d" % i
    if kind == "teacher":
        return speak(work, name, TEACHER, TEXTS[i % len(TEXTS)], seconds)
    if kind == "student":
        return speak(work, name, STUDENTS[i % len(STUDENTS)], TEXTS[(i + 1) % len(TEXTS)], seconds)
    if kind == "group":
        parts = [speak(work, "%s-%d" % (name, k), STUDENTS[k], TEXTS[(i + k) % len(TEXTS)],
                       seconds, offset=0.7 * k)
                 for k in range(len(STUDENTS))]
        out = os.path.join(work, name + ".wav")
        run("sox", "-m", *parts, out)
        return out
    return silence(work, name, seconds)


def build(work):
    parts = [segment(work, i, s, k) for i, (s, k) in enumerate(SCHEDULE)]
    total = sum(s for s, _ in SCHEDULE)
    speech = os.path.join(work, "speech.wav")
    noise = os.path.join(work, "noise.wav")
    lesson = os.path.join(work, "lesson.flac")
    run("sox", *parts, speech)
    # the room: steady fan hum and a murmur of pink noise
    run("sox", "-R", "-n", "-r", str(RATE), "-c", "1", "-b", "16", noise, "synth", str(total),
        "pinknoise", "synth", str(total), "sine", "mix", "120", "vol", "0.02")
    run("sox", "-m", speech, noise, lesson)
    truth = []
    for s, k in SCHEDULE:
        truth += [TRUTH[k]] * s
    return lesson, truth


def build_bursts(work, speech_lesson):
    """The same lesson with a burst of noise (a chair, a door) every
    second of each silence."""
    burst = os.path.join(work, "burst.wav")
    run("sox", "-R", "-n", "-r", str(RATE), "-c", "1", "-b", "16", burst, "synth", "0.6",
        "brownnoise", "fade", "0.02", "0.6", "0.2", "vol", "0.5")
    placed = []
    t = 0
    for s, k in SCHEDULE:
        if k == "silence":
            at = t + 0.8
            while at < t + s - 0.6:
                out = os.path.join(work, "burst-%d.wav" % len(placed))
                run("sox", burst, out, "pad", "%.2f" % at, "0")
                placed.append(out)
                at += 1.0
        t += s
    bursts = os.path.join(work, "bursts.wav")
    lesson = os.path.join(work, "lesson-bursts.flac")
    run("sox", "-m", *[a for p in placed for a in ("-v", "1", p)], bursts)
    run("sox", "-m", "-v", "1", speech_lesson, "-v", "1", bursts, lesson)
    return lesson


def seconds(hms):
    h, m, s = hms.split(":")
    return int(h) * 3600 + int(m) * 60 + int(s)


def analyse(cli, lesson, n, *options, vad=None):
    env = dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8")
    env.pop("COACHBOOK_TALK_VAD", None)
    if vad is not None:
        env["COACHBOOK_TALK_VAD"] = vad
    out = subprocess.run([cli, "talk", *options, lesson], check=True, capture_output=True, text=True,
                         env=env).stdout
    labels = ["silence"] * n
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 4:
            for t in range(seconds(parts[0]), min(seconds(parts[1]), n)):
                labels[t] = parts[2]
    return labels


def write_wav(path, rate, claimed_bytes, data):
    """A PCM WAV header claiming `claimed_bytes` of sound, then `data`."""
    header = (b"RIFF" + struct.pack("<I", (36 + claimed_bytes) & 0xffffffff) + b"WAVEfmt " +
              struct.pack("<IHHIIHH", 16, 1, 1, rate, (rate * 2) & 0xffffffff, 2, 16) +
              b"data" + struct.pack("<I", claimed_bytes & 0xffffffff))
    with open(path, "wb") as f:
        f.write(header + data)


def hostile(cli, work, lesson):
    """Each bad file: exit status 1, one line on stderr, nothing on stdout."""
    files = {}
    files["text.mp3"] = b"this is not sound at all\n" * 40
    with open(lesson, "rb") as f:
        files["truncated.flac"] = f.read(3000)
    files["empty.wav"] = b""
    for name, data in files.items():
        with open(os.path.join(work, name), "wb") as f:
            f.write(data)
    write_wav(os.path.join(work, "absurd-rate.wav"), 2000000000, 32000, bytes(32000))
    write_wav(os.path.join(work, "zero-rate.wav"), 0, 32000, bytes(32000))
    # ten hours of silence, as FLAC (about a megabyte)
    run("sox", "-n", "-r", "8000", "-c", "1", os.path.join(work, "ten-hours.flac"),
        "trim", "0", "36000")
    failures = []
    for name in sorted(files) + ["absurd-rate.wav", "zero-rate.wav", "ten-hours.flac", "missing.wav"]:
        r = subprocess.run([cli, "talk", os.path.join(work, name)], capture_output=True, text=True,
                           env=dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8"), timeout=120)
        lines = r.stderr.splitlines()
        print("# %s: %s" % (name, r.stderr.strip()))
        if r.returncode != 1 or len(lines) != 1 or r.stdout != "":
            failures.append(name)
    # no GStreamer plugins at all: the message names the package to install
    empty = os.path.join(work, "no-plugins")
    os.makedirs(empty, exist_ok=True)
    r = subprocess.run([cli, "talk", lesson], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8",
                                GST_PLUGIN_SYSTEM_PATH_1_0=empty, GST_PLUGIN_PATH_1_0=empty,
                                GST_REGISTRY_1_0=os.path.join(empty, "registry.bin")))
    print("# without plugins: %s" % r.stderr.strip())
    if r.returncode != 1 or len(r.stderr.splitlines()) != 1 or "install the package" not in r.stderr:
        failures.append("without plugins")
    if failures:
        print("not ok 3 - bad recordings give one message: " + ", ".join(failures))
        return 1
    print("ok 3 - bad recordings give one message each")
    return 0


def compare(title, truth, found):
    """Prints the confusion table; returns the agreement."""
    table = {(t, f): 0 for t in LABELS for f in LABELS}
    for t, f in zip(truth, found):
        table[(t, f)] += 1
    agree = sum(table[(l, l)] for l in LABELS) / len(truth)
    print("# %s:" % title)
    print("# known \\ found  " + "".join("%9s" % l for l in LABELS))
    for t in LABELS:
        print("# %-14s " % t + "".join("%9d" % table[(t, f)] for f in LABELS))
    print("# agreement per one-second frame: %.1f %%" % (100 * agree))
    return agree


def have_webrtcdsp():
    return subprocess.run(["gst-inspect-1.0", "--exists", "webrtcdsp"]).returncode == 0


def main():
    cli, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    print("1..3")
    lesson, truth = build(work)
    bursts = build_bursts(work, lesson)
    print("# synthetic lesson: %d s, %d segments" % (len(truth), len(SCHEDULE)))
    agree = compare("default", truth, analyse(cli, lesson, len(truth)))
    variants = [("loudness alone", "0")] + ([("with webrtcdsp", "1")] if have_webrtcdsp() else [])
    for name, vad in variants:
        compare(name, truth, analyse(cli, lesson, len(truth), vad=vad))
    for name, vad in variants:
        compare("with bursts of noise in the silences, " + name, truth,
                analyse(cli, bursts, len(truth), vad=vad))
    if agree < 0.85:
        print("not ok 1 - agreement under 85 %")
        failed = 1
    else:
        print("ok 1 - agreement at least 85 %")
        failed = 0
    return split(cli, lesson) | hostile(cli, work, lesson) | failed


def split(cli, lesson):
    """Agreement of the teacher/student split on the known one-voice seconds."""
    truth = []
    for s, k in SCHEDULE:
        truth += [k] * s
    found = analyse(cli, lesson, len(truth), "--teacher-from", "0-%d" % (SCHEDULE[0][0] - 5))
    kinds = ["teacher", "student"]
    seen = ["teacher", "student", "one", "several", "silence"]
    table = {(t, f): 0 for t in kinds for f in seen}
    for t, f in zip(truth, found):
        if t in kinds:
            table[(t, f)] += 1
    voiced = sum(table.values())
    agree = sum(table[(k, k)] for k in kinds) / voiced
    print("# teacher/student split, on %d one-voice seconds:" % voiced)
    print("# known \\ found  " + "".join("%9s" % l for l in seen))
    for t in kinds:
        print("# %-14s " % t + "".join("%9d" % table[(t, f)] for f in seen))
    print("# split agreement per one-second frame: %.1f %%" % (100 * agree))
    if agree < 0.80:
        print("not ok 2 - split agreement under 80 %")
        return 1
    print("ok 2 - split agreement at least 80 %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
