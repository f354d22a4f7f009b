"""Build timings: our full build against bare MkDocs, on the real site and on a 300-page one.

For each site, the median of several builds (wall clock) of: MkDocs with Material alone;
our full build with an empty PDF cache (first run); our full build with the cache kept (second
run), and the share of the second run spent on the checks; then the checks once more with no
reading levels cached, as when every page has changed. Builds run in this Python process
after one untimed warm-up round, so start-up and imports are not counted in any figure.
Each site is a temporary copy: the project itself is not touched. Prints a table with the
issue's targets, each marked met or NOT met. `scripts/bench/run.py build` runs it.
"""

from __future__ import annotations

import gc
import logging
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from soleus_site.plugin import HANDOUT_CACHE, PLUGIN_NAME, READING_LEVEL_CACHE
from soleus_site.settings import CONFIG_FILE
from soleus_site.site_build import build_into, copy_site_sources

from bench_site import make_bench_site

BENCH_PAGES = 300
MAX_RATIO = 1.5  # the second run, at most this many times bare MkDocs (both sites)
MAX_CHECKS_SHARE = 0.15  # the checks, at most this share of the second run (300-page site)


def bare_build(site: Path, output: Path) -> None:
    """MkDocs with Material and the site's settings, without our plugin, its log silenced."""
    config = load_config(config_file=str(site / CONFIG_FILE), site_dir=str(output),
                         plugins=["search"])
    if PLUGIN_NAME in config.plugins:
        raise RuntimeError("plugins=['search'] did not leave our plugin out: the bare figure "
                           "would be wrong")
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        mkdocs_build(config)
    finally:
        logger.setLevel(level)


def timed(build: Callable[[Path], object], work: Path) -> tuple[float, object]:
    """Seconds build(output) takes, into a new empty folder, and what it returned."""
    output = Path(tempfile.mkdtemp(prefix="site-", dir=work))
    gc.collect()  # so no build pays for another's garbage
    started = time.perf_counter()
    result = build(output)
    seconds = time.perf_counter() - started
    shutil.rmtree(output)
    return seconds, result


def plugin_caches(site: Path) -> tuple[Path, Path]:
    """The site's handout PDF cache and reading-level cache, where its mkdocs.yml's soleus
    plugin keeps them (its cache_dir)."""
    settings = load_config(config_file=str(site / CONFIG_FILE)).plugins[PLUGIN_NAME].config
    return settings.cache(site, HANDOUT_CACHE), settings.cache(site, READING_LEVEL_CACHE)


def measure(site: Path, runs: int, work: Path) -> dict:
    """Medians of bare, first-run and second-run builds of one site, and of the checks' and the
    handout's seconds within the second run. Each round builds all three in turn, so a slower
    moment of the machine weighs on all three alike; round 0 is an untimed warm-up."""
    seconds: dict[str, list[float]] = {"bare": [], "first": [], "second": []}
    handout_cache, reading_level_cache = plugin_caches(site)
    outcomes = []
    for round_ in range(runs + 1):
        bare, _ = timed(lambda output: bare_build(site, output), work)
        shutil.rmtree(handout_cache, ignore_errors=True)
        first, first_outcome = timed(lambda output: build_into(site, output), work)
        second, outcome = timed(lambda output: build_into(site, output), work)
        reading_level_cache.unlink(missing_ok=True)
        _, uncached = timed(lambda output: build_into(site, output), work)
        if round_:
            for kind, value in zip(seconds, (bare, first, second)):
                seconds[kind].append(value)
            outcomes += [first_outcome, outcome, uncached]
    second_runs, uncached_runs = outcomes[1::3], outcomes[2::3]
    return {**{kind: statistics.median(values) for kind, values in seconds.items()},
            **{part: statistics.median(o.timings.get(part, 0.0) for o in second_runs)
               for part in ("checks", "source lines", "handout")},
            "checks, reading levels not cached": statistics.median(
                o.timings["checks"] for o in uncached_runs),
            "failed": [o for o in outcomes if o.failed]}


def verdict(value: float, limit: float) -> str:
    """'met' or 'NOT met'."""
    return "met" if value <= limit else "NOT met"


def print_site(name: str, figures: dict, checks_target: bool) -> None:
    """One site's rows of the table."""
    bare, second = figures["bare"], figures["second"]
    ratio, share = second / bare, figures["checks"] / second
    print(f"\n{name}")
    print(f"  bare MkDocs + Material, no plugin     {bare:7.2f} s")
    print(f"  full build, first run (no PDF cache)  {figures['first']:7.2f} s   "
          f"{figures['first'] / bare:5.2f} x bare")
    print(f"  full build, second run (PDFs reused)  {second:7.2f} s   {ratio:5.2f} x bare   "
          f"target <= {MAX_RATIO} x bare: {verdict(ratio, MAX_RATIO)}")
    print(f"    of which the checks                 {figures['checks']:7.2f} s   {share:5.1%} of it"
          + (f"   target <= {MAX_CHECKS_SHARE:.0%}: {verdict(share, MAX_CHECKS_SHARE)}"
             if checks_target else ""))
    print(f"    of which the checks' source lines   {figures['source lines']:7.2f} s   "
          f"{figures['source lines'] / second:5.1%} of it (finding each link's line)")
    print(f"    of which the handout                {figures['handout']:7.2f} s   "
          f"{figures['handout'] / second:5.1%} of it")
    uncached = figures["checks, reading levels not cached"]
    print(f"  the checks, reading levels not cached {uncached:7.2f} s   "
          f"{uncached / second:5.1%} of the second run (a build where every page changed)")
    if figures["failed"]:
        problems = figures["failed"][0].problems
        print(f"  WARNING: {len(figures['failed'])} full builds failed, so their times mean little; "
              f"the first problem: {problems[0] if problems else 'not given'}")


def run_build_times(project_dir: Path, runs: int = 3) -> int:
    """Time the real site and a generated 300-page site; print the table; return 0."""
    with tempfile.TemporaryDirectory(prefix="soleus-bench-") as work:
        work = Path(work)
        real = copy_site_sources(Path(project_dir), work / "real")
        generated = make_bench_site(work / "generated", Path(project_dir), BENCH_PAGES)
        pages = len(list((real / "docs").rglob("*.md")))
        print(f"Build times: median of {runs} runs, wall clock, after a warm-up round")
        print_site(f"Real site, {pages} pages", measure(real, runs, work), checks_target=False)
        print_site(f"Generated site, {BENCH_PAGES} pages + the {pages} real ones",
                   measure(generated, runs, work),
                   checks_target=True)
    return 0
