"""The app's bench commands (Frappe collects `commands` from every installed app)."""

import click

from frappe.commands import get_site, pass_context


@click.command("tewei-demo")
@click.option("--reset", is_flag=True, help="Delete the app's data (and the demo's users) first.")
@click.option(
	"--size", default=1.0, type=float, help="Scale the numbers of households, orders… (1 = the full month)."
)
@pass_context
def tewei_demo(context, reset=False, size=1.0):
	"""Build a living month of special services on the site: people for every role, households,
	the approved catalogue, orders in every state, month-end billing and payments, agreements,
	revisits and errands, through the app's own APIs and Workflows."""
	import frappe
	from frappe.utils import update_progress_bar

	from tewei_service.demo.build import logins, make_demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		steps, shown = 100, [-1]

		def progress(share: float) -> None:
			step = min(steps - 1, int(share * steps))
			if step != shown[0]:
				shown[0] = step
				update_progress_bar("Living the month", step, steps)

		demo = make_demo(reset=reset, size=size, progress=progress)
		frappe.db.commit()
		print()
		rows, password = logins(demo)
		click.echo(f"Demo built on {site}. Every login's password: {password}")
		for email, roles in rows:
			click.echo(f"  {email:<40} {roles}")
		click.echo("Open /app/special-services first.")
	except frappe.ValidationError as error:
		frappe.db.rollback()
		raise click.ClickException(frappe.utils.strip_html(str(error)))
	finally:
		frappe.destroy()


commands = [tewei_demo]
