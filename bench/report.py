"""The course pages benchmark's figures: medians of the rounds, ratios against the issue's
targets, and the printed tables (courses_pages.py writes the same as JSON).

Targets (issue 30, "Honest speed"):
* uncached Aula CPU per request ≤ 2× NOW-LMS's, page by page;
* signed-in pages, cached: ≥ 2× NOW-LMS's requests/second;
* the trivial view through Aula's middleware: CPU per request ≤ 2× bare Django's;
* a warm worker's memory ≤ 1.5× NOW-LMS's.
"""

import statistics

from harness import percentile

UNCACHED_CPU_MAX = 2.0
SIGNED_IN_RPS_MIN = 2.0
TRIVIAL_CPU_MAX = 2.0
MEMORY_MAX = 1.5


def _median(measurements):
    """The median round of one (server, page): each figure's median, errors summed."""
    if not measurements:
        return None

    def middle(field):
        values = [m[field] for m in measurements if m[field] is not None]
        return round(statistics.median(values), 2) if values else None

    return {
        "rps": middle("rps"),
        "cpu_ms": middle("cpu_ms"),
        "p50_ms": middle("p50_ms"),
        "p95_ms": middle("p95_ms"),
        "errors": sum(m["errors"] for m in measurements),
        "rounds": [{"rps": round(m["rps"], 1), "cpu_ms": m["cpu_ms"] and round(m["cpu_ms"], 2)} for m in measurements],
    }


def _ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def _flag(value, limit, at_most):
    if value is None:
        return None
    return "met" if (value <= limit if at_most else value >= limit) else "MISSED"


def summarise(datasets, runs, misses, memory, setup):
    results = {"setup": setup, "datasets": {}, "targets": {
        "uncached CPU per request vs NOW-LMS": f"≤ {UNCACHED_CPU_MAX}×",
        "signed-in requests/s (cached) vs NOW-LMS": f"≥ {SIGNED_IN_RPS_MIN}×",
        "trivial view CPU vs bare Django": f"≤ {TRIVIAL_CPU_MAX}×",
        "warm worker memory vs NOW-LMS": f"≤ {MEMORY_MAX}×",
    }}  # fmt: skip
    for name, dataset in datasets.items():
        rows = []
        for page in dataset["pages"]:
            page_name = page["name"]
            cached = _median(runs.get((name, page_name, "cached")))
            uncached = _median(runs.get((name, page_name, "uncached")))
            personal_off = _median(runs.get((name, page_name, "personal cache off")))
            now = _median(runs.get(("NOW-LMS", page_name, "now-lms")))
            cpu_ratio = _ratio(uncached["cpu_ms"], now and now["cpu_ms"])
            rps_ratio = _ratio(cached["rps"], now and now["rps"])
            rps_target = _flag(rps_ratio, SIGNED_IN_RPS_MIN, at_most=False) if page["signed_in"] else None
            rows.append({
                "page": page_name, "path": page["path"], "signed_in": page["signed_in"],
                "queries": dataset["queries"].get(page_name), "cached": cached, "uncached": uncached,
                "now_lms": now, "personal_cache_off": personal_off,
                "uncached_cpu_vs_now_lms": cpu_ratio,
                "uncached_cpu_target": _flag(cpu_ratio, UNCACHED_CPU_MAX, at_most=True),
                "cached_rps_vs_now_lms": rps_ratio,
                "signed_in_rps_target": rps_target,
                "personal_cache_gain": _ratio(cached["rps"], personal_off and personal_off["rps"]),
            })  # fmt: skip
        first_visits = {
            key: {f"{kind}_{p}": round(percentile(times[kind], q), 1) for kind in ("miss", "warm")
                  for p, q in (("p50_ms", 0.5), ("p95_ms", 0.95))} | {"n": len(times["miss"])}
            for key, times in misses.get(name, {}).items()
        }  # fmt: skip
        results["datasets"][name] = {"seeded_seconds": dataset["seeded_seconds"], "rows": rows,
                                     "first_visits": first_visits}  # fmt: skip
    trivial = {key: _median(measurements) for key, measurements in runs.items() if key[1] == "trivial"}
    aula = next((value for key, value in trivial.items() if key[2] == "cached"), None)
    aula_uncached = next((value for key, value in trivial.items() if key[2] == "uncached"), None)
    bare = trivial.get(("bare", "trivial", "django"))
    cpu_ratio = _ratio(aula and aula["cpu_ms"], bare and bare["cpu_ms"])
    results["trivial"] = {
        "aula_cached": aula, "aula_uncached": aula_uncached, "bare_django": bare,
        "cpu_vs_bare": cpu_ratio, "cpu_target": _flag(cpu_ratio, TRIVIAL_CPU_MAX, at_most=True),
        "bare_rps_vs_aula": _ratio(bare and bare["rps"], aula and aula["rps"]),
    }  # fmt: skip
    rss = {server: kib and round(kib / 1024, 1) for server, kib in memory.items()}
    now_mib = rss.get("NOW-LMS")
    results["memory_mib"] = {
        server: {"rss": mib, "vs_now_lms": _ratio(mib, now_mib),
                 "target": _flag(_ratio(mib, now_mib), MEMORY_MAX, at_most=True) if server.startswith("Aula") else None}
        for server, mib in rss.items()
    }  # fmt: skip
    return results


# --- Printing ------------------------------------------------------------------------------
def _n(value, digits=0):
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def _x(value, flag=None):
    if value is None:
        return "—"
    return f"{value:.2f}×" + (f" {flag}" if flag else "")


def _label(row):
    return row["page"] + (" [signed in]" if row["signed_in"] and "signed in" not in row["page"] else "")


def print_report(results):
    setup = results["setup"]
    print()
    print(f"{setup['database']}, {setup['workers']}, {setup['clients']} connections, "
          f"median of {setup['rounds']} alternating rounds × {setup['seconds']:g} s")  # fmt: skip
    if not setup["wrk"]:
        print("no wrk: a Python loop drove the load, which caps what it can measure")
    if setup["note"]:
        print(setup["note"])
    width = 2 + max(len(_label(row)) for dataset in results["datasets"].values() for row in dataset["rows"])
    print("CPU ms = the 2 workers' CPU time (user + system) per request served; queries = cached/uncached render")
    header = (f"{'page':<{width}}{'cached':>9}{'CPU ms':>8}{'uncached':>10}{'CPU ms':>8}{'NOW-LMS':>9}{'CPU ms':>8}"
              f"{'uncached CPU':>16}{'cached rps':>16}{'queries':>10}")  # fmt: skip
    subheader = (f"{'':<{width}}{'req/s':>9}{'':>8}{'req/s':>10}{'':>8}{'req/s':>9}{'':>8}"
                 f"{'÷ NOW (≤2×)':>16}{'÷ NOW (≥2×)':>16}")  # fmt: skip
    for name, dataset in results["datasets"].items():
        print(f"\n== {name} data ==")
        print(header)
        print(subheader)
        for row in dataset["rows"]:
            cached, uncached, now = row["cached"], row["uncached"], row["now_lms"] or {}
            queries = row["queries"] or {}
            errors = sum((m or {}).get("errors", 0) for m in (cached, uncached, row["now_lms"]))
            label = _label(row)
            print(
                f"{label:<{width}}{_n(cached['rps']):>9}{_n(cached['cpu_ms'], 2):>8}{_n(uncached['rps']):>10}"
                f"{_n(uncached['cpu_ms'], 2):>8}{_n(now.get('rps')):>9}{_n(now.get('cpu_ms'), 2):>8}"
                f"{_x(row['uncached_cpu_vs_now_lms'], row['uncached_cpu_target']):>16}"
                f"{_x(row['cached_rps_vs_now_lms'], row['signed_in_rps_target']):>16}"
                f"{queries.get('cached', '—')!s:>5}/{queries.get('uncached', '—')!s:<4}"
                + (f"  ({errors} errors)" if errors else "")
            )
        gains = [row for row in dataset["rows"] if row["personal_cache_gain"]]
        for row in gains:
            print(f"  personal cache on ÷ off, {row['page']}: {_x(row['personal_cache_gain'])} requests/s")
        print(f"\n  A first visitor's wait after a publish ({name}; one GET on the cached server, ms):")
        print(f"  {'page':<26}{'miss p50':>10}{'p95':>8}{'warm p50':>10}{'p95':>8}")
        for key, times in dataset["first_visits"].items():
            print(f"  {key:<26}{times['miss_p50_ms']:>10}{times['miss_p95_ms']:>8}"
                  f"{times['warm_p50_ms']:>10}{times['warm_p95_ms']:>8}")  # fmt: skip
        rows = {row["page"]: row for row in dataset["rows"]}
        print(f"\n  Search vs the uncached course page ({name}):")
        for row in dataset["rows"]:
            if not row["page"].startswith("search"):
                continue
            course = rows["course (enrolled)" if row["signed_in"] else "course"]["uncached"]
            search = row["cached"]
            print(f"  {row['page']:<{width}} {_n(search['rps'])} req/s, {_n(search['cpu_ms'], 2)} CPU ms = "
                  f"{_x(_ratio(search['cpu_ms'], course['cpu_ms']))} the course page's CPU "
                  f"({_n(course['rps'])} req/s, {_n(course['cpu_ms'], 2)} ms)")  # fmt: skip
    trivial = results["trivial"]
    aula, bare = trivial["aula_cached"] or {}, trivial["bare_django"] or {}
    uncached = trivial["aula_uncached"] or {}
    print("\nTrivial view (/bench/trivial/, a plain HttpResponse):")
    print(f"  through Aula's middleware: {_n(aula.get('rps'))} req/s, {_n(aula.get('cpu_ms'), 2)} CPU ms "
          f"(caches off: {_n(uncached.get('rps'))} req/s, {_n(uncached.get('cpu_ms'), 2)} ms)")  # fmt: skip
    print(f"  bare Django: {_n(bare.get('rps'))} req/s, {_n(bare.get('cpu_ms'), 2)} CPU ms")
    print(f"  Aula ÷ bare CPU per request: {_x(trivial['cpu_vs_bare'], trivial['cpu_target'])} (target ≤ 2×); "
          f"bare serves {_x(trivial['bare_rps_vs_aula'])} Aula's requests/s")  # fmt: skip
    print("\nA warm worker's memory (VmRSS, the larger of the two workers):")
    for server, memory in results["memory_mib"].items():
        ratio = f", {_x(memory['vs_now_lms'], memory['target'])} NOW-LMS's (target ≤ 1.5×)" if memory["target"] else ""
        print(f"  {server:<36}{_n(memory['rss'], 1):>8} MiB{ratio}")
    load = setup["load_average"]
    print(f"\nLoad average (1, 5, 15 min): {' '.join(load['start'])} at the start, {' '.join(load['end'])} at the end; "
          f"{setup['minutes']} minutes in all")  # fmt: skip
