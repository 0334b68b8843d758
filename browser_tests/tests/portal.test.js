// Issue 15 at phone size (390×844): the customer requests a service on /service_request, accepts
// the quote the desk gave, the staff member starts the job on /my_work and the customer signs there
// with a finger and comments, and after month-end billing and payment the customer sees it paid.
// The portal's own fixtures (a portal user of the household's customer, a booking day) come from
// tewei_service.tests.portal_browser_builders, run against the same site as the tests.
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const t = require("../lib");

const BENCH = process.env.BENCH || "/opt/tewei-bench";
const SITE = new URL(t.BASE_URL).hostname;
// A 1×1 PNG: the photo the customer attaches to the request.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

function bench(method, kwargs) {
	const args = ["--site", SITE, "execute", `tewei_service.tests.portal_browser_builders.${method}`];
	if (kwargs) args.push("--kwargs", JSON.stringify(kwargs));
	const out = execFileSync("bench", args, { cwd: BENCH, encoding: "utf8" });
	return JSON.parse(out.trim().split("\n").pop());
}

// A phone of its own for `email`, logged in through the login page; console errors are collected.
async function phone(browser, email, password) {
	const context = await browser.newContext({ ...PHONE, locale: "en-US", timezoneId: "Asia/Shanghai" });
	const page = await context.newPage();
	page.setDefaultTimeout(20000);
	page.errors = [];
	page.on("console", (m) => {
		if (m.type() === "error" && !/socket\.io/.test(m.text() + (m.location().url || ""))) page.errors.push(m.text());
	});
	page.on("pageerror", (e) => page.errors.push(e.message));
	await page.goto(`${t.BASE_URL}/login`);
	await page.fill("#login_email", email);
	await page.fill("#login_password", password);
	await page.click(".page-card .btn-login");
	await page.waitForURL((url) => !url.pathname.startsWith("/login"));
	return page;
}

async function open(page, route) {
	await page.goto(`${t.BASE_URL}${route}`);
	await page.waitForFunction(() => window.frappe && frappe.csrf_token !== undefined);
}

// Submit a portal form: the page reloads (or moves on) once the server has answered.
async function submit(page, form) {
	const navigated = page.waitForEvent("framenavigated", { predicate: (frame) => frame === page.mainFrame(), timeout: 30000 });
	await page.locator(`${form} button[type=submit]`).click();
	await navigated;
	await page.waitForLoadState("load");
}

t.flow("portal on a phone: request, accept the quote, sign on the staff's phone, billed and paid", "portal", async (login) => {
	const { fixtures } = t;
	const mine = bench("prepare");
	const browser = await t.launch();
	try {
		const customer = await phone(browser, mine.portal_user, mine.password);
		await open(customer, "/service_prices");
		await customer.locator("h1", { hasText: "特約服務項目及收費標準" }).waitFor();
		await t.screenshot(customer, "portal-1-prices");

		await open(customer, "/service_request");
		await customer.selectOption("#tw-type", "Housekeeping");
		await customer.locator(`input[data-item="${fixtures.service}"]`).fill("2");
		await customer.fill("#tw-description", "Deep clean of the kitchen, please <b>not</b> before 9");
		await customer.setInputFiles("#tw-photos", { name: "kitchen.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
		await t.screenshot(customer, "portal-2-request");
		await submit(customer, "#tw-request");
		await customer.waitForURL(/\/service_order\?name=/);
		const order = new URL(customer.url()).searchParams.get("name");
		await customer.locator(".tw-steps li.tw-current", { hasText: "Registered" }).waitFor();
		await customer.locator(".tw-card", { hasText: "Photos: 1" }).waitFor();
		assert.ok((await customer.content()).includes("&lt;b&gt;not&lt;/b&gt;"), "the description shows as text");
		await t.screenshot(customer, "portal-3-registered");

		const desk = await login("customer_service");
		await t.goto(desk, `service-work-order/${order}`);
		await t.formReady(desk, "Service Work Order");
		assert.equal(await desk.evaluate(() => cur_frm.doc.channel), "App");
		await t.workflowAction(desk, "Quote", "Quoted");

		await open(customer, `/service_order?name=${order}`);
		await customer.locator("#tw-accept").waitFor();
		await t.screenshot(customer, "portal-4-quote");
		await submit(customer, "#tw-accept");
		await customer.locator(".tw-steps li.tw-current", { hasText: "Confirmed" }).waitFor();
		await t.screenshot(customer, "portal-5-accepted");
		// The order page follows its status and reloads when it moves: wait on the list meanwhile.
		await open(customer, "/my_household");

		await t.goto(desk, `service-work-order/${order}`);
		await t.formReady(desk, "Service Work Order");
		assert.match(await desk.evaluate(() => cur_frm.doc.confirmed_by_customer), /browser-portal@tewei\.example.*App/);
		await t.setLink(desk, "assigned_staff", fixtures.staff_employee);
		await t.setDatetime(desk, "appointment_start", mine.slot[0]);
		await t.setDatetime(desk, "appointment_end", mine.slot[1]);
		await t.save(desk);
		const head = await login("department_head");
		await t.goto(head, `service-work-order/${order}`);
		await t.formReady(head, "Service Work Order");
		await t.workflowAction(head, "Dispatch", "Dispatched");

		const staff = await phone(browser, fixtures.users.staff, fixtures.password);
		await open(staff, `/my_work?day=${mine.slot[0].slice(0, 10)}`);
		await staff.locator(".tw-card", { hasText: order }).click();
		await staff.waitForURL(/\/my_work\?order=/);
		await t.screenshot(staff, "portal-6-staff-order");
		await submit(staff, "#tw-start");
		await t.drawSignature(staff, staff.locator("canvas.tw-signature"));
		await staff.fill("#tw-comment", "Spotless, thank you");
		await staff.selectOption("#tw-settlement", "Month-end");
		await t.screenshot(staff, "portal-7-signing");
		await submit(staff, "#tw-sign");
		await staff.locator(".tw-badge", { hasText: "Completed" }).first().waitFor();
		await t.screenshot(staff, "portal-8-signed");

		await t.goto(head, `service-work-order/${order}`);
		await t.formReady(head, "Service Work Order");
		await t.workflowAction(head, "Check", "Checked");
		assert.match(await head.evaluate(() => cur_frm.doc.customer_signature), /^data:image\/png;base64,/);
		const { invoice } = bench("bill_and_pay", { order });

		await open(customer, "/service_bills");
		const notice = customer.locator(`.tw-card[id="${invoice}"]`);
		await notice.locator(".tw-badge", { hasText: "Paid" }).waitFor();
		await notice.scrollIntoViewIfNeeded();
		await t.screenshot(customer, "portal-9-paid");
		await open(customer, `/service_order?name=${order}`);
		await customer.locator("#tw-rate").scrollIntoViewIfNeeded();
		await t.screenshot(customer, "portal-10-rate");
		for (const field of ["timeliness", "skill", "attitude"]) {
			await customer.locator(`#tw-rate input[name=${field}][value="5"]`).locator("..").click();
		}
		await submit(customer, "#tw-rate");
		await customer.locator("h2", { hasText: "Your Rating" }).waitFor();
		t.assertNoErrors(customer, staff);
		const width = await customer.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(width <= 390, `the page fits the phone (scroll width ${width})`);
	} finally {
		await browser.close();
	}
});
