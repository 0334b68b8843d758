#!/usr/bin/env bash
# The project's test command: the fast layer (plain pytest) and the integration layer (a real
# ERPNext v15 site on the development bench), ending with one summary line.
#
#   bash scripts/run_tests.sh            both layers
#   bash scripts/run_tests.sh --fast     the fast layer only (says the integration layer was skipped)
#
# The integration layer runs where the development bench exists at $BENCH (fixed path): it starts
# MariaDB and Redis, points the bench's tewei_service at this checkout, uninstalls and reinstalls
# the app on the test site (proving uninstall leaves nothing behind), runs
# `bench run-tests --app tewei_service`, and finally points the bench back where it was.
set -uo pipefail

BENCH=/opt/tewei-bench
SITE=tewei-test.localhost
repo=$(cd "$(dirname "$0")/.." && pwd)
log_dir=$(mktemp -d)

fast_passed=0 fast_failed=0 int_passed=0 int_failed=0 integration="not run"

# ---- fast layer ------------------------------------------------------------------------------
echo "== fast layer: pytest"
python3 -m pytest --version >/dev/null 2>&1 || python3 -m pip install -q pytest
(cd "$repo" && python3 -m pytest -p no:cacheprovider) 2>&1 | tee "$log_dir/fast.log"
summary=$(grep -E "^[0-9]+ (passed|failed)|^=+ .*(passed|failed)" "$log_dir/fast.log" | tail -1)
fast_passed=$(grep -oE "[0-9]+ passed" <<<"$summary" | grep -oE "[0-9]+" || echo 0)
fast_failed=$(( $(grep -oE "[0-9]+ failed" <<<"$summary" | grep -oE "[0-9]+" || echo 0) + $(grep -oE "[0-9]+ errors?" <<<"$summary" | grep -oE "[0-9]+" || echo 0) ))
if [ "${fast_passed:-0}" -eq 0 ] && [ "$fast_failed" -eq 0 ]; then fast_failed=1; echo "the fast layer ran no test"; fi

# ---- integration layer -----------------------------------------------------------------------
frappe_cli() { (cd "$BENCH/sites" && "$BENCH/env/bin/python" -m frappe.utils.bench_helper frappe --site "$SITE" "$@"); }

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
	local imported
	imported=$("$BENCH/env/bin/python" -c "import os, tewei_service; print(os.path.realpath(tewei_service.__file__))")
	[ "$imported" = "$(realpath "$repo")/tewei_service/__init__.py" ] \
		|| { echo "the bench imports tewei_service from $imported, not from $repo"; return 1; }

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

if [ "${1:-}" = "--fast" ]; then
	integration="SKIPPED (--fast was asked for)"
elif [ ! -x "$BENCH/env/bin/python" ] || [ ! -d "$BENCH/sites/$SITE" ]; then
	integration="SKIPPED (no development bench with site $SITE at $BENCH; see README)"
elif run_integration; then
	integration="ran"
else
	integration="FAILED (see above)"
	[ "$int_failed" -gt 0 ] || int_failed=1
fi

echo
echo "== summary"
echo "fast layer:        $fast_passed passed, $fast_failed failed"
case "$integration" in
	ran | FAILED*) echo "integration layer: $int_passed passed, $int_failed failed${integration/ran/}" ;;
	*) echo "integration layer: $integration — NOT counted as passed" ;;
esac
echo "total: $((fast_passed + int_passed)) passed, $((fast_failed + int_failed)) failed"
[ $((fast_failed + int_failed)) -eq 0 ]
