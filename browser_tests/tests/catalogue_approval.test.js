// C1: a catalogue item drafted by the branch manager, reviewed by finance, approved by leadership,
// each through the Workflow actions of the form.
const assert = require("node:assert/strict");
const t = require("../lib");

t.flow("catalogue item: draft, finance review, leadership approval", "catalogue", async (login) => {
	const manager = await login("branch_manager");
	await t.goto(manager, "service-catalogue-item/new");
	await t.formReady(manager, "Service Catalogue Item");
	await t.setData(manager, "service_name", `Window cleaning (browser ${Date.now()})`);
	await t.setSelect(manager, "category", "Cleaning");
	await t.setLink(manager, "unit_of_charge", "Hour");
	await t.setData(manager, "proposed_fee", 120);
	await t.setDate(manager, "effective_date", 0);
	await t.save(manager);
	const item = await manager.evaluate(() => cur_frm.doc.name);
	await t.workflowAction(manager, "Submit for Review", "Finance Review");
	await t.screenshot(manager, "catalogue-1-submitted");

	const finance = await login("finance");
	await t.goto(finance, `service-catalogue-item/${item}`);
	await t.formReady(finance, "Service Catalogue Item");
	await t.workflowAction(finance, "Approve", "Leadership Approval");
	await t.screenshot(finance, "catalogue-2-finance-approved");

	const leader = await login("leadership");
	await t.goto(leader, `service-catalogue-item/${item}`);
	await t.formReady(leader, "Service Catalogue Item");
	await t.workflowAction(leader, "Approve", "Approved");
	assert.equal(await leader.evaluate(() => cur_frm.doc.standard_fee), 120, "the approved fee is in force");
	await t.screenshot(leader, "catalogue-3-approved");
});
