// S1: finance starts month-end billing from the Sales Invoice list; the Billing Run bills in the
// background (an RQ worker), its form shows the progress and the summary; the billing notice
// prints as 收費通知單.
const assert = require("node:assert/strict");
const t = require("../lib");

t.flow("month-end billing: Billing Run from the Sales Invoice list, its summary, the notice printed", "billing", async (login) => {
	const finance = await login("finance");
	await t.goto(finance, "sales-invoice");
	await finance.locator(".page-actions button", { hasText: "Month-end Billing" }).click();
	const prompt = finance.locator(".modal.show", { hasText: "From Date" });
	await prompt.waitFor();
	await prompt.locator(".modal-footer .btn-primary").click();
	await finance.waitForURL(/\/app\/billing-run\//);
	await t.formReady(finance, "Billing Run");
	await t.screenshot(finance, "billing-1-run-started");

	// The form follows the run live over socket.io; this bench has none, so reload as a user would.
	let status;
	let progressShown = false;
	const deadline = Date.now() + 240_000;
	while (["Queued", "Running"].includes((status = await finance.evaluate(() => cur_frm.doc.status))) && Date.now() < deadline) {
		if (status === "Running" && !progressShown) {
			progressShown = true;
			await t.screenshot(finance, "billing-1b-run-progress");
		}
		await finance.waitForTimeout(3000);
		await finance.evaluate(() => cur_frm.reload_doc());
		await t.formReady(finance, "Billing Run");
	}
	assert.match(status, /^Completed/, `the run finished (${status})`);
	const run = await finance.evaluate(() => cur_frm.doc);
	assert.ok(run.invoices >= 1 && run.orders_billed >= 1, "the run made a billing notice");
	await finance.locator('.frappe-control[data-fieldname="invoices"]').scrollIntoViewIfNeeded();
	await t.screenshot(finance, "billing-2-run-summary");

	const invoice = await finance.evaluate(
		(order) => frappe.db.get_value("Service Work Order", order, "sales_invoice").then((r) => r.message.sales_invoice),
		t.fixtures.month_end_order,
	);
	assert.ok(invoice, "the month-end order is on a billing notice");
	await t.printView(finance, "Sales Invoice", invoice, "Billing Notice", "收費通知單");
	await t.screenshot(finance, "billing-3-notice-printed");
});
