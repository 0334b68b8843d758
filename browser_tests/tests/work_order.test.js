// W1–W9, R3: an order registered and quoted by the desk, the customer's confirmation recorded,
// dispatched by the department head, started, signed off on the signature pad and completed by the
// staff member, and checked by the department head.
const assert = require("node:assert/strict");
const t = require("../lib");

t.flow("work order: registered, quoted, confirmed, dispatched, started, signed, completed, checked", "work-order", async (login) => {
	const { fixtures } = t;
	const desk = await login("customer_service");
	await t.goto(desk, "service-work-order/new");
	await t.formReady(desk, "Service Work Order");
	await t.setLink(desk, "household", fixtures.household);
	await t.setLink(desk, "customer", fixtures.customer);
	await t.setSelect(desk, "request_type", "Housekeeping");
	await t.setData(desk, "request_details", "Clean the kitchen and the balcony");
	// The desk types the charged price: the form learns the fee in force only on save.
	await t.addRow(desk, "items", { catalogue_item: fixtures.service, qty: 3, rate: 80 });
	await t.save(desk);
	const order = await desk.evaluate(() => cur_frm.doc.name);
	await t.workflowAction(desk, "Quote", "Quoted");
	await t.setData(desk, "confirmed_by_customer", "Ms Lin (phone)");
	await t.save(desk);
	await t.workflowAction(desk, "Record Customer Confirmation", "Confirmed");
	// The Workflow lets only Customer Service edit a confirmed order (the department head's form is
	// read-only there), so the desk books the staff member and the time the customer agreed.
	await t.setLink(desk, "assigned_staff", fixtures.staff_employee);
	await t.setDatetime(desk, "appointment_start", fixtures.free_slot[0]);
	await t.setDatetime(desk, "appointment_end", fixtures.free_slot[1]);
	await t.save(desk);
	await t.screenshot(desk, "work-order-1-confirmed");

	const head = await login("department_head");
	await t.goto(head, `service-work-order/${order}`);
	await t.formReady(head, "Service Work Order");
	await t.workflowAction(head, "Dispatch", "Dispatched");

	const staff = await login("staff");
	await t.goto(staff, `service-work-order/${order}`);
	await t.formReady(staff, "Service Work Order");
	await t.workflowAction(staff, "Start Work", "In Progress");
	await signOff(staff);
	await t.setSelect(staff, "settlement_mode", "Month-end");
	await t.save(staff);
	await t.workflowAction(staff, "Complete", "Completed");
	await t.screenshot(staff, "work-order-2-completed");

	await t.goto(head, `service-work-order/${order}`);
	await t.formReady(head, "Service Work Order");
	await t.workflowAction(head, "Check", "Checked");
	const signed = await head.evaluate(() => cur_frm.doc.customer_signature);
	assert.match(signed, /^data:image\/png;base64,/, "the customer's signature is on the order");
	// The whole form: the Checked state at the top, the signature and its sign-off further down.
	await t.screenshot(head, "work-order-3-checked", { fullPage: true });
});

// The customer signs on the pad of the Customer Sign-off dialog, satisfied.
async function signOff(page) {
	await page.locator(".page-actions .custom-actions button, .page-actions .inner-group-button button", { hasText: "Customer Sign-off" }).first().click();
	const dialog = page.locator(".modal.show", { hasText: "Customer Sign-off" });
	await dialog.locator('.frappe-control[data-fieldname="comment"] textarea').fill("Clean and tidy, thank you.");
	await t.drawSignature(page, dialog.locator('.frappe-control[data-fieldname="signature"] canvas').first());
	await t.screenshot(page, "work-order-sign-off-dialog");
	await dialog.locator(".modal-footer .btn-primary").click();
	await dialog.waitFor({ state: "hidden" });
	await page.waitForFunction(() => cur_frm.doc.customer_signature && !frappe.dom.freeze_count);
}
