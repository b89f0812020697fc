"""How long `make grade` takes for a class (issue 16: 60 students, five notebooks each).

Builds a class of N students (default 60), releases every gradeable exercise notebook to each
with make_assignments, fills each student's copy with the worked answers of solutions/ (their own
numbers, graded=True: a full, realistic submission) and grades the class with tools/grade.py on
all cores. Prints the wall time, the CPU time of the kernels and workers, and the time per
notebook. Only notebooks whose exercises are written as specs can be graded: the figure says how
many notebooks per student that was, and projects the time for five.

Run: .venv/bin/python benchmarks/bench_grading.py [--students 60] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))   # the instructor tools are scripts in tools/

import grade  # noqa: E402
import make_assignments  # noqa: E402


def build_class(folder: Path, students: int):
    roster = folder / "roster.csv"
    roster.write_text("student_id,name\n" + "".join(f"B{k:04d},Student {k}\n"
                                                     for k in range(students)))
    released = folder / "assignments"
    make_assignments.make_assignments(roster, released, ROOT / "exercises")
    notebooks = make_assignments.read_manifest(released / make_assignments.MANIFEST)
    factories = make_assignments.variants._factories()
    solutions = {n.file: (ROOT / "solutions" / n.file).read_text(encoding="utf-8")
                 for n in notebooks}
    for student in make_assignments.variants.read_roster(roster):
        target = folder / "submissions" / student.student_id
        target.mkdir(parents=True)
        for name, text in solutions.items():
            (target / name).write_text(make_assignments.make_graded(
                text, student.student_id, student.name, name, factories), encoding="utf-8")
    return roster, released, len(notebooks)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as name:
        folder = Path(name)
        roster, released, per_student = build_class(folder, args.students)
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        report = grade.grade(folder / "submissions", roster, released, folder / "grades",
                             jobs=args.jobs)
        wall = time.perf_counter() - start
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    notebooks = report["notebooks"]
    totals = [sum(m.points for m in s) for s in report["marks"].values()]
    load = os.getloadavg()[0]
    print(f"graded {notebooks} notebooks ({args.students} students x {per_student} gradeable "
          f"notebooks) with {report['workers']} at a time on {os.cpu_count()} cores: "
          f"{wall:.0f} s wall ({report['seconds']:.0f} s running notebooks, the rest marking "
          f"and writing), {wall / notebooks:.2f} s per notebook; {cpu:.0f} s CPU in kernels "
          f"and workers ({cpu / notebooks:.2f} s per notebook); load average {load:.1f} at "
          f"the end")
    print(f"scores (worked solutions, answer boxes left blank): {min(totals)}-{max(totals)} "
          f"of {len(report['columns'])} points")
    per_class = wall / per_student * 5
    print(f"projected for {args.students} students x 5 notebooks at this rate: "
          f"{per_class / 60:.1f} min wall; from CPU time alone on {report['workers']} free "
          f"cores: {cpu / per_student * 5 / report['workers'] / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
