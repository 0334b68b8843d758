// The workspace's number cards (issue 14 §3) show numbers to the people who run the service.
const assert = require("node:assert/strict");
const t = require("../lib");

t.flow("workspace: the number cards show numbers", "workspace", async (login) => {
	const leader = await login("leadership");
	await t.goto(leader, "special-services");
	const cards = leader.locator(".number-widget-box");
	await cards.first().waitFor();
	const expected = await leader.evaluate(() => (frappe.workspace_data?.number_cards || []).length);
	const count = await cards.count();
	assert.ok(count >= 1, "the workspace has number cards");
	// A card shows its number once its query has answered ("…" until then).
	await leader.waitForFunction(
		() => [...document.querySelectorAll(".number-widget-box")].every((card) => /\d/.test(card.querySelector(".number")?.textContent || "")),
		null,
		{ timeout: 60000 },
	);
	const shown = await cards.evaluateAll((boxes) =>
		boxes.map((box) => `${box.querySelector(".widget-title")?.textContent.trim()}: ${box.querySelector(".number").textContent.trim()}`),
	);
	console.log(shown.join("\n"));
	if (expected) assert.equal(count, expected);
	await t.screenshot(leader, "workspace-cards");
});
