#!/usr/bin/env python3
"""Memory of a command that reads a long article stream on stdin: writes
bench/replay_stream.py's replay into the command's stdin and, while it runs,
samples the process's VmRSS and VmHWM (/proc/PID/status) every second and at
each tenth of the stream, together with how many articles have been written
into the pipe. Prints a Markdown table of RSS at 10%, 20%, ... 100% of the
stream, the peak, the verdict (peak RSS from 50% of the stream to the exit
divided by RSS at 50%; flat is about 1.0) and end-to-end articles/s.

'written' counts articles handed to the pipe: the command has read at most
that many (the pipe and its own read buffer hold the rest), so it is a close
upper bound of 'ingested'.

Exit status: the command's (non-zero if it fails); else 3 if --max-growth
is given and the verdict exceeds it; else 0.

Usage: bench/stream_rss.py [--articles N] [--source FILE] [--max-growth X]
  [--samples FILE] -- COMMAND ..."""
import argparse
import os
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import replay_stream  # noqa: E402

BATCH = 500  # articles per write; fine enough for the tenths of a small stream


def memory_kb(pid):
    """(VmRSS, VmHWM) in KB, or None once the process has exited."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])
    except (OSError, KeyError, ValueError):  # gone, or a zombie without memory lines
        return None


class Run:
    """The shared state of the writer and the sampler."""

    def __init__(self):
        self.start = time.monotonic()
        self.written = 0
        self.input_closed = None  # seconds from the start, once all is written
        self.samples = []  # (seconds, written, rss_kb, hwm_kb, input closed?)
        self.lock = threading.Lock()

    def sample(self, pid):
        memory = memory_kb(pid)
        if memory is None:
            return None
        with self.lock:
            s = (time.monotonic() - self.start, self.written, *memory, self.input_closed is not None)
            self.samples.append(s)
        return s


def sampler(run, pid, stop):
    while not stop.wait(1.0):
        run.sample(pid)


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def feed(run, proc, source, count):
    """Writes the stream into the command's stdin; returns the samples taken
    at each tenth, {tenth: sample}. Stops early if the command stops reading."""
    fd = proc.stdin.fileno()
    tenths, next_tenth = {}, 1
    batch = []
    try:
        for line in replay_stream.replay(source, count):
            batch.append(line)
            if len(batch) == BATCH:
                write_all(fd, "".join(batch).encode("utf-8"))
                with run.lock:
                    run.written += len(batch)
                batch.clear()
                while next_tenth <= 10 and run.written * 10 >= next_tenth * count:
                    tenths[next_tenth] = run.sample(proc.pid)
                    next_tenth += 1
        write_all(fd, "".join(batch).encode("utf-8"))
        with run.lock:
            run.written += len(batch)
        while next_tenth <= 10:
            tenths[next_tenth] = run.sample(proc.pid)
            next_tenth += 1
    except BrokenPipeError:
        print(f"stream_rss: the command stopped reading after {run.written} articles", file=sys.stderr)
    finally:
        proc.stdin.close()
        with run.lock:
            run.input_closed = time.monotonic() - run.start
    return tenths


def mb(kb):
    return f"{kb / 1024:.0f}" if kb is not None else "-"


def report(run, tenths, count, seconds, usage):
    print("| stream | articles written | seconds | VmRSS MB | VmHWM MB |")
    print("|---|---|---|---|---|")
    for tenth in range(1, 11):
        s = tenths.get(tenth)
        if s is None:
            print(f"| {tenth * 10}% | - | - | - | - |")
        else:
            print(f"| {tenth * 10}% | {s[1]:,} | {s[0]:.0f} | {mb(s[2])} | {mb(s[3])} |")
    after = [s for s in run.samples if s[4]]
    if after:
        top = max(after, key=lambda s: s[2])
        print(f"| after the input ended (largest sample, {len(after)} samples) | {top[1]:,} | {top[0]:.0f} | "
              f"{mb(top[2])} | {mb(top[3])} |")
    peak = max([usage.ru_maxrss] + [s[3] for s in run.samples])  # ru_maxrss is exact; VmHWM as a check
    print(f"| peak (ru_maxrss at exit) | {run.written:,} | {seconds:.0f} | - | {mb(peak)} |")
    print()
    half = tenths.get(5)
    second_half = [s[2] for s in run.samples if s[1] * 2 >= count]
    growth = None
    if half and second_half and half[2] > 0:
        growth = max(second_half) / half[2]
        streaming = [s[2] for s in run.samples if s[1] * 2 >= count and not s[4]]
        streaming_note = (f"; up to the end of the input alone {max(streaming) / half[2]:.2f}"
                          if streaming else "")
        print(f"verdict: peak RSS from 50% of the stream to the exit / RSS at 50% = "
              f"{max(second_half) / 1024:.0f} MB / {half[2] / 1024:.0f} MB = {growth:.2f} "
              f"(flat is about 1.0{streaming_note})")
    else:
        print("verdict: not enough samples to judge")
    print(f"throughput: {run.written:,} articles in {seconds:.1f} s = {run.written / seconds:,.0f} articles/s "
          f"end to end (all input written after {run.input_closed:.1f} s); the command's CPU time "
          f"{usage.ru_utime + usage.ru_stime:.1f} s (user + system)")
    tail = seconds - run.input_closed
    print(f"after the input ended the command ran {tail:.1f} s more ({100 * tail / seconds:.0f}% of the run): "
          "work it did after reading everything")
    print(f"({len(run.samples)} samples of /proc/PID/status, every second and at each tenth; 'written' counts "
          "articles handed to the pipe, a close upper bound of those ingested: the pipe buffer and the reader's "
          "own buffer hold the difference)")
    return growth


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--source", default=replay_stream.DEFAULT_SOURCE, help="articles JSONL to replay")
    ap.add_argument("--max-growth", type=float, help="exit 3 if the verdict exceeds this")
    ap.add_argument("--samples", help="also write every sample here (TSV)")
    ap.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command reading stdin")
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command or args.articles < 1:
        ap.error("give --articles N >= 1 and a command after --")

    run = Run()
    proc = subprocess.Popen(command, stdin=subprocess.PIPE)
    stop = threading.Event()
    thread = threading.Thread(target=sampler, args=(run, proc.pid, stop), daemon=True)
    thread.start()
    tenths = feed(run, proc, args.source, args.articles)
    _, status, usage = os.wait4(proc.pid, 0)  # ru_maxrss: the exact peak, in KB on Linux
    stop.set()  # first: the pid is free for reuse now
    seconds = time.monotonic() - run.start
    proc.returncode = os.waitstatus_to_exitcode(status)
    thread.join()

    if args.samples:
        with open(args.samples, "w", encoding="utf-8") as f:
            f.write("seconds\twritten\tvmrss_kb\tvmhwm_kb\tinput_closed\n")
            for s in run.samples:
                f.write(f"{s[0]:.2f}\t{s[1]}\t{s[2]}\t{s[3]}\t{int(s[4])}\n")
    growth = report(run, tenths, args.articles, seconds, usage)
    if proc.returncode != 0:
        print(f"stream_rss: {' '.join(command)} failed with status {proc.returncode}", file=sys.stderr)
        sys.exit(proc.returncode if proc.returncode > 0 else 1)
    if args.max_growth is not None and growth is not None and growth > args.max_growth:
        print(f"stream_rss: memory grew {growth:.2f}x in the second half, more than --max-growth "
              f"{args.max_growth}", file=sys.stderr)
        sys.exit(3)


if __name__ == "__main__":
    main()
