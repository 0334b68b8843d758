"""An RQ worker for one site's background jobs, run with the bench's Python from sites/:

    ../env/bin/python /path/to/browser_tests/site_worker.py SITE [QUEUES]

QUEUES (default long,default,short) in the order they are served: the long queue's billing jobs
first, not behind the site's e-mails and Gravatar lookups.

The browser tests give their site its own queue namespace (`bench_id` in its site_config), so that
this worker runs the jobs the tests start (month-end billing) and no other site's queued jobs.
It is Frappe's own worker otherwise: the same Redis, queues, job runner and timeouts.
"""

import sys

from rq import Worker

import frappe
from frappe.utils.background_jobs import get_queue_list, get_redis_conn


def main(site: str, queues: str = "long,default,short") -> None:
	frappe.init(site, sites_path=".")
	queues = get_queue_list(queues.split(","), build_queue_name=True)
	connection = get_redis_conn()
	frappe.destroy()
	print("worker for", site, "on", ", ".join(queues), flush=True)
	Worker(queues, connection=connection).work(logging_level="WARNING")


if __name__ == "__main__":
	main(*sys.argv[1:])
