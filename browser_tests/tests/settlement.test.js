// S2: a completed order settled on the spot is paid at the finance desk with Settle at Finance;
// the receipt (現金收訖) opens for printing.
const assert = require("node:assert/strict");
const t = require("../lib");

t.flow("settle at finance: invoice and payment in one step, the receipt printed", "settle", async (login) => {
	const finance = await login("finance");
	await t.goto(finance, `service-work-order/${t.fixtures.immediate_order}`);
	await t.formReady(finance, "Service Work Order");
	await finance.locator(".page-actions button", { hasText: "Settle at Finance" }).click();
	const dialog = finance.locator(".modal.show", { hasText: "Mode of Payment" });
	await dialog.waitFor();
	assert.equal(await dialog.locator('.frappe-control[data-fieldname="mode_of_payment"] input').inputValue(), "Cash");
	await t.screenshot(finance, "settle-1-dialog");
	await dialog.locator(".modal-footer .btn-primary").click();
	await finance.waitForURL(/\/app\/print\/Payment(%20| )Entry\//);
	const payment = decodeURIComponent(new URL(finance.url()).pathname.split("/").pop());
	await t.printView(finance, "Payment Entry", payment, "Cash Receipt", "現金收訖");
	const order = await finance.evaluate(
		(name) => frappe.db.get_value("Service Work Order", name, ["sales_invoice", "payment_status"]).then((r) => r.message),
		t.fixtures.immediate_order,
	);
	assert.ok(order.sales_invoice, "the order has its invoice");
	assert.equal(order.payment_status, "Paid");
	await t.screenshot(finance, "settle-2-receipt");
});
