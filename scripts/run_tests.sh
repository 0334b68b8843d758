#!/usr/bin/env bash
# The project's test command: the fast layer (plain pytest) and the integration layer (a real
# ERPNext v15 site on the development bench), ending with one summary line.
#
#   bash scripts/run_tests.sh            both layers
#   bash scripts/run_tests.sh --fast     the fast layer only (says the other layers were skipped)
#   bash scripts/run_tests.sh --browser  the browser layer only, on $BROWSER_SITE (default: the test
#                                        site), against the checkout the bench already points at
#
# The integration layer runs where the development bench exists at $BENCH (fixed path): it starts
# MariaDB and Redis, points the bench's tewei_service at this checkout, uninstalls and reinstalls
# the app on the test site (proving uninstall leaves nothing behind), runs
# `bench run-tests --app tewei_service`, and finally points the bench back where it was.
#
# The browser layer (browser_tests/, Playwright driving Debian's chromium) runs after it where
# /usr/bin/chromium and node exist: it builds the desk bundle if it is not current, prepares the
# site's users and records (tewei_service.tests.browser_fixtures), starts a web server of its own
# and an RQ worker for the site's own queues (so it serves this checkout's code without restarting
# the bench's shared server on :8000), runs the flows and stops both again.
set -uo pipefail

BENCH=/opt/tewei-bench
SITE=tewei-test.localhost
BROWSER_SITE=${BROWSER_SITE:-$SITE}
BROWSER_PORT=${BROWSER_PORT:-8011}
CHROMIUM=/usr/bin/chromium
repo=$(cd "$(dirname "$0")/.." && pwd)
log_dir=$(mktemp -d)

fast_passed=0 fast_failed=0 int_passed=0 int_failed=0 integration="not run"
browser_passed=0 browser_failed=0 browser="not run"
mode=${1:-}

# ---- fast layer ------------------------------------------------------------------------------
run_fast() {
	echo "== fast layer: pytest"
	python3 -m pytest --version >/dev/null 2>&1 || python3 -m pip install -q pytest
	# The translation test tells Simplified from Traditional with OpenCC's character tables.
	python3 -c "import opencc" 2>/dev/null || python3 -m pip install -q opencc-python-reimplemented
	(cd "$repo" && python3 -m pytest -p no:cacheprovider) 2>&1 | tee "$log_dir/fast.log"
	local summary
	summary=$(grep -E "^[0-9]+ (passed|failed)|^=+ .*(passed|failed)" "$log_dir/fast.log" | tail -1)
	fast_passed=$(grep -oE "[0-9]+ passed" <<<"$summary" | grep -oE "[0-9]+" || echo 0)
	fast_failed=$(( $(grep -oE "[0-9]+ failed" <<<"$summary" | grep -oE "[0-9]+" || echo 0) + $(grep -oE "[0-9]+ errors?" <<<"$summary" | grep -oE "[0-9]+" || echo 0) ))
	if [ "${fast_passed:-0}" -eq 0 ] && [ "$fast_failed" -eq 0 ]; then fast_failed=1; echo "the fast layer ran no test"; fi
}
[ "$mode" = "--browser" ] || run_fast

# ---- integration layer -----------------------------------------------------------------------
frappe_cli() { site_cli "$SITE" "$@"; }
site_cli() {
	local site=$1
	shift
	(cd "$BENCH/sites" && "$BENCH/env/bin/python" -m frappe.utils.bench_helper frappe --site "$site" "$@")
}

point_bench_at() {
	# pip records the resolved path of an editable install, so re-install rather than only relink.
	ln -sfn "$1" "$BENCH/apps/tewei_service"
	"$BENCH/env/bin/pip" install -q --no-deps -e "$1" >/dev/null
}

restore_bench() {
	# Leave the bench exactly as it was found: its own link (or none), apps.txt and pip install.
	if [ -n "${previous_target:-}" ]; then
		[ "$previous_target" = "$(realpath "$repo")" ] || point_bench_at "$previous_target"
		echo "bench's tewei_service points back to $previous_target"
	elif [ -n "${found_no_link:-}" ]; then
		rm -f "$BENCH/apps/tewei_service"
		"$BENCH/env/bin/pip" uninstall -q -y tewei_service >/dev/null 2>&1
		echo "bench had no tewei_service: link and install removed"
	fi
	if [ -n "${previous_apps_txt:-}" ]; then
		cp "$previous_apps_txt" "$BENCH/sites/apps.txt"
	fi
}

bench_imports_checkout() {
	local imported
	imported=$("$BENCH/env/bin/python" -c "import os, tewei_service; print(os.path.realpath(tewei_service.__file__))")
	[ "$imported" = "$(realpath "$repo")/tewei_service/__init__.py" ] \
		|| { echo "the bench imports tewei_service from $imported, not from $repo"; return 1; }
}

run_integration() {
	bash "$repo/scripts/services.sh" "$BENCH" || { echo "services did not start"; return 1; }

	# `readlink -f` names a path that does not exist too: only a real link or folder counts.
	if [ -L "$BENCH/apps/tewei_service" ] || [ -d "$BENCH/apps/tewei_service" ]; then
		previous_target=$(readlink -f "$BENCH/apps/tewei_service")
	else
		found_no_link=1
	fi
	previous_apps_txt="$log_dir/apps.txt"
	cp "$BENCH/sites/apps.txt" "$previous_apps_txt"
	trap restore_bench EXIT
	point_bench_at "$repo" || return 1
	if ! grep -qx tewei_service "$BENCH/sites/apps.txt"; then
		[ -z "$(tail -c1 "$BENCH/sites/apps.txt")" ] || echo >>"$BENCH/sites/apps.txt"
		echo tewei_service >>"$BENCH/sites/apps.txt"
	fi
	bench_imports_checkout || return 1

	# A module map cached before tewei_service joined apps.txt would make install sync nothing.
	frappe_cli clear-cache || return 1
	if frappe_cli list-apps 2>/dev/null | grep -q '^tewei_service'; then
		echo "== uninstall tewei_service from $SITE"
		frappe_cli uninstall-app tewei_service --yes --no-backup --force >"$log_dir/uninstall.log" 2>&1 \
			|| { cat "$log_dir/uninstall.log"; return 1; }
		# `bench execute` refuses an uninstalled app's functions, so import it directly.
		leftovers=$(cd "$BENCH/sites" && "$BENCH/env/bin/python" -c "import frappe; frappe.init('$SITE', '.'); frappe.connect()
from tewei_service.tests.site import leftovers; print(leftovers())" 2>&1 | tail -1)
		if [ "$leftovers" != "none" ]; then
			echo "uninstall left behind: $leftovers"
			return 1
		fi
		echo "uninstall left nothing behind"
	fi
	echo "== install tewei_service on $SITE"
	frappe_cli install-app tewei_service >"$log_dir/install.log" 2>&1 || { cat "$log_dir/install.log"; return 1; }
	frappe_cli migrate >"$log_dir/migrate.log" 2>&1 || { tail -40 "$log_dir/migrate.log"; return 1; }
	# Frappe refuses a 61st user within an hour; the suite makes more than that when run twice in an hour.
	frappe_cli set-config --parse throttle_user_limit 100000 >/dev/null || return 1
	"$BENCH/env/bin/python" -c "import hypothesis" 2>/dev/null || "$BENCH/env/bin/pip" install -q hypothesis >/dev/null || return 1

	echo "== integration layer: bench run-tests --app tewei_service"
	# Without CI set, run-tests exits 0 even when tests fail; the counts below are read either way.
	CI=1 frappe_cli run-tests --app tewei_service 2>&1 | tee "$log_dir/integration.log"
	local status=${PIPESTATUS[0]}
	local ran failures errors
	ran=$(grep -oE "^Ran [0-9]+ tests?" "$log_dir/integration.log" | grep -oE "[0-9]+" | tail -1)
	failures=$(grep -oE "failures=[0-9]+" "$log_dir/integration.log" | grep -oE "[0-9]+" | tail -1)
	errors=$(grep -oE "errors=[0-9]+" "$log_dir/integration.log" | grep -oE "[0-9]+" | tail -1)
	int_failed=$(( ${failures:-0} + ${errors:-0} ))
	int_passed=$(( ${ran:-0} - int_failed ))
	if [ -z "$ran" ] || [ "$ran" -eq 0 ]; then echo "the integration layer ran no test"; return 1; fi
	[ "$status" -eq 0 ] || [ "$int_failed" -gt 0 ] || { echo "run-tests exited $status"; return 1; }
	return 0
}

# ---- browser layer ---------------------------------------------------------------------------
# Is the desk bundle built from this checkout's sources? (a clean clone has no public/dist)
assets_current() {
	(cd "$BENCH/sites" && "$BENCH/env/bin/python" - "$repo" <<'PY'
import json, os, sys
repo = os.path.realpath(sys.argv[1])
public = os.path.join(repo, "tewei_service", "public")
if os.path.realpath("assets/tewei_service") != public:
	sys.exit(1)
built = json.load(open("assets/assets.json")).get("tewei_service.bundle.js")
path = built and os.path.join(".", built.lstrip("/"))
if not path or not os.path.exists(path):
	sys.exit(1)
# The bundles' entry files (other scripts under public/ are served as they are).
sources = [os.path.join(root, name) for root, _, names in os.walk(public) if "dist" not in root for name in names if ".bundle." in name]
sys.exit(0 if all(os.path.getmtime(source) <= os.path.getmtime(path) for source in sources) else 1)
PY
	)
}

# `start_detached LOG COMMAND…` runs COMMAND from sites/ in a session of its own (it outlives
# nothing: stop_group ends it) and prints its PID, which is its process group's id too.
start_detached() {
	local log=$1
	shift
	(cd "$BENCH/sites" && exec setsid "$@" >"$log" 2>&1 </dev/null) &
	echo $!
}

# Stop a process started by start_detached, with its children (RQ's work horse).
stop_group() { [ -n "${1:-}" ] && kill -- "-$1" 2>/dev/null; }

stop_browser_services() {
	stop_group "${browser_worker:-}"
	stop_group "${browser_web:-}"
	browser_worker="" browser_web=""
	if [ -n "${browser_queue_set:-}" ]; then
		site_cli "$BROWSER_SITE" set-config bench_id None >/dev/null 2>&1
		browser_queue_set=""
	fi
}

build_assets() {
	(cd "$BENCH" && bench build --app tewei_service --force >"$log_dir/build.log" 2>&1) || { tail -20 "$log_dir/build.log"; return 1; }
}

# The bench's assets name the bundle built here: once the bench points back, build its own again.
rebuild_previous_assets() {
	if [ -n "${built_assets:-}" ] && [ -n "${previous_target:-}" ] && [ "$previous_target" != "$(realpath "$repo")" ]; then
		build_assets && echo "desk bundle built again for $previous_target"
	fi
}

run_browser() {
	local tests="$repo/browser_tests" screens="$repo/browser_tests/screenshots"
	bash "$repo/scripts/services.sh" "$BENCH" || { echo "services did not start"; return 1; }
	bench_imports_checkout || return 1
	if [ ! -d "$tests/node_modules/playwright-core" ]; then
		(cd "$tests" && npm ci --no-audit --no-fund >/dev/null) || { echo "npm ci in browser_tests failed"; return 1; }
	fi
	if ! assets_current; then
		echo "== building the desk bundle (bench build --app tewei_service)"
		built_assets=1
		build_assets || return 1
	fi
	mkdir -p "$screens"
	rm -f "$screens"/*.png
	# The site's background jobs go to queues of its own (the same each time, so a job left by an
	# interrupted run is served next time), which this layer's worker serves: the month-end billing
	# runs there, and no other site's queued jobs are touched.
	trap 'stop_browser_services; restore_bench; rebuild_previous_assets' EXIT
	site_cli "$BROWSER_SITE" set-config bench_id "tewei-browser-$BROWSER_SITE" >/dev/null && browser_queue_set=1
	echo "== browser layer: fixtures on $BROWSER_SITE"
	site_cli "$BROWSER_SITE" execute tewei_service.tests.browser_fixtures.prepare >"$log_dir/fixtures.log" 2>&1 \
		|| { tail -30 "$log_dir/fixtures.log"; stop_browser_services; return 1; }
	grep '^{' "$log_dir/fixtures.log" | tail -1 >"$screens/fixtures.json"
	browser_worker=$(start_detached "$log_dir/worker.log" "$BENCH/env/bin/python" "$tests/site_worker.py" "$BROWSER_SITE")
	# A web server started now imports the checkout the bench points at, whatever :8000 serves.
	browser_web=$(start_detached "$log_dir/web.log" "$BENCH/env/bin/python" -m frappe.utils.bench_helper frappe serve \
		--port "$BROWSER_PORT" --noreload)
	local url="http://$BROWSER_SITE:$BROWSER_PORT"
	for _ in $(seq 120); do curl -s -o /dev/null --max-time 2 "$url/login" && break; sleep 0.5; done
	curl -s -o /dev/null --max-time 5 "$url/login" || { echo "the web server on :$BROWSER_PORT did not start"; tail -20 "$log_dir/web.log"; stop_browser_services; return 1; }

	echo "== browser layer: node --test browser_tests/tests (chromium against $url)"
	(cd "$tests" && BASE_URL="$url" FIXTURES="$screens/fixtures.json" CHROMIUM="$CHROMIUM" \
		node --test --test-concurrency=1 --test-reporter=tap tests/) 2>&1 | tee "$log_dir/browser.log"
	stop_browser_services
	browser_passed=$(grep -oE "^# pass [0-9]+" "$log_dir/browser.log" | grep -oE "[0-9]+" | tail -1)
	browser_failed=$(grep -oE "^# fail [0-9]+" "$log_dir/browser.log" | grep -oE "[0-9]+" | tail -1)
	browser_passed=${browser_passed:-0} browser_failed=${browser_failed:-0}
	echo "screenshots: $screens"
	if [ "$browser_passed" -eq 0 ] && [ "$browser_failed" -eq 0 ]; then echo "the browser layer ran no test"; return 1; fi
	return 0
}

if [ "$mode" = "--fast" ] || [ "$mode" = "--browser" ]; then
	integration="SKIPPED ($mode was asked for)"
elif [ ! -x "$BENCH/env/bin/python" ] || [ ! -d "$BENCH/sites/$SITE" ]; then
	integration="SKIPPED (no development bench with site $SITE at $BENCH; see README)"
elif run_integration; then
	integration="ran"
else
	integration="FAILED (see above)"
	[ "$int_failed" -gt 0 ] || int_failed=1
fi

if [ "$mode" = "--fast" ]; then
	browser="SKIPPED (--fast was asked for)"
elif [ ! -x "$CHROMIUM" ] || ! command -v node >/dev/null; then
	browser="SKIPPED (no chromium)"
elif [ ! -x "$BENCH/env/bin/python" ] || [ ! -d "$BENCH/sites/$BROWSER_SITE" ]; then
	browser="SKIPPED (no development bench with site $BROWSER_SITE at $BENCH)"
elif [ "$mode" != "--browser" ] && [ "$integration" != "ran" ] && [ "$int_passed" -eq 0 ]; then
	browser="SKIPPED (the integration layer did not set up the site)"
elif run_browser; then
	browser="ran"
else
	browser="FAILED (see above)"
	[ "$browser_failed" -gt 0 ] || browser_failed=1
fi

echo
echo "== summary"
[ "$mode" = "--browser" ] || echo "fast layer:        $fast_passed passed, $fast_failed failed"
case "$integration" in
	ran | FAILED*) echo "integration layer: $int_passed passed, $int_failed failed${integration/ran/}" ;;
	*) echo "integration layer: $integration — NOT counted as passed" ;;
esac
case "$browser" in
	ran | FAILED*) echo "browser layer:     $browser_passed passed, $browser_failed failed${browser/ran/}" ;;
	*) echo "browser layer: $browser — NOT counted as passed" ;;
esac
passed=$((fast_passed + int_passed + browser_passed)) failed=$((fast_failed + int_failed + browser_failed))
echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
