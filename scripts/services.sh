#!/usr/bin/env bash
# Start (idempotently) what the development bench needs: MariaDB and the bench's two Redis servers.
# Usage: scripts/services.sh [bench-path]
set -euo pipefail
bench=${1:-/opt/tewei-bench}

# Debian packages the sites need: the database and cache servers, and for PDFs wkhtmltopdf with a
# CJK font so that the Chinese forms print.
packages="mariadb-server redis-server wkhtmltopdf fonts-noto-cjk"
if ! dpkg -s $packages >/dev/null 2>&1; then
	echo "installing $packages"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
fi

if ! mysqladmin --user=root --password=root --host=127.0.0.1 ping >/dev/null 2>&1; then
	echo "starting MariaDB"
	mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
	# setsid: a server started from a shell that ends (a helper's, CI's step) must outlive it.
	service mariadb start >/dev/null 2>&1 || (setsid mysqld_safe >/var/log/mysqld_safe.log 2>&1 &)
	for _ in $(seq 60); do
		mysqladmin --user=root --password=root --host=127.0.0.1 ping >/dev/null 2>&1 && break
		sleep 1
	done
	mysqladmin --user=root --password=root --host=127.0.0.1 ping >/dev/null
fi

for name in redis_cache redis_queue; do
	conf="$bench/config/$name.conf"
	port=$(awk '$1 == "port" {print $2}' "$conf")
	if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
		echo "starting $name on port $port"
		(cd "$bench/config" && setsid redis-server "$conf" --daemonize yes >/dev/null)
		for _ in $(seq 20); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
		redis-cli -p "$port" ping >/dev/null
	fi
done

# The sites' own URLs must answer, as in production: wkhtmltopdf fetches the print stylesheet from
# http://<site>:8000 whenever a PDF is made (print formats, workflow e-mails with the document).
for site in $(cd "$bench/sites" && ls -d *.localhost 2>/dev/null); do
	grep -qE "^127\.0\.0\.1\s.*\b$site\b" /etc/hosts || echo "127.0.0.1 $site" >>/etc/hosts
done
if ! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:8000/"; then
	echo "starting the Frappe web server on port 8000"
	(cd "$bench/sites" && setsid nohup "$bench/env/bin/python" -m frappe.utils.bench_helper frappe serve --port 8000 --noreload \
		>"$bench/logs/web.log" 2>&1 </dev/null &)
	for _ in $(seq 60); do curl -s -o /dev/null --max-time 2 "http://127.0.0.1:8000/" && break; sleep 0.5; done
	curl -s -o /dev/null --max-time 2 "http://127.0.0.1:8000/"
fi
