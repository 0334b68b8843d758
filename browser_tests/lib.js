// What every browser test shares: Debian's chromium, a login per role as a real user, the desk's
// Workflow actions, and the rule that a console or page error fails the test.
//
// Environment (scripts/run_tests.sh sets it): BASE_URL, the site's URL on the bench's web server
// (http://browser.localhost:8000); FIXTURES, the JSON that
// `bench --site SITE execute tewei_service.tests.browser_fixtures.prepare` printed.
const fs = require("node:fs");
const path = require("node:path");
const assert = require("node:assert/strict");
const { test } = require("node:test");
const { chromium } = require("playwright-core");

const BASE_URL = process.env.BASE_URL || "http://browser.localhost:8000";
const SCREENSHOTS = path.join(__dirname, "screenshots");
const fixtures = JSON.parse(fs.readFileSync(process.env.FIXTURES || path.join(SCREENSHOTS, "fixtures.json"), "utf8"));

// The machine is offline: nothing in the browser may try to reach the internet.
const CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
];

// Playwright's launch() starts chromium on a fresh, temporary user-data-dir each time.
async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		headless: true,
		args: CHROMIUM_ARGS,
	});
}

// The bench's web server (`frappe serve`) has no socket.io behind it, as nginx would give in
// production, so the desk's realtime connection fails: those two messages, and only those, are
// the environment's, not the app's. (Setting disable_async instead breaks Frappe's own desk.)
function isSocketioOutage(message) {
	const text = message.text();
	return (
		text.startsWith("Error connecting to socket.io:") ||
		(text.startsWith("Failed to load resource") && new URL(message.location().url).pathname.startsWith("/socket.io/"))
	);
}

// A page with cookies of its own for `role`, logged in through the login page.
async function loginAs(browser, role) {
	const context = await browser.newContext({
		viewport: { width: 1366, height: 900 },
		locale: "en-US",
		timezoneId: "Asia/Shanghai",
	});
	const page = await context.newPage();
	// Generous: the machine is shared, and a step that hangs fails all the same.
	page.setDefaultTimeout(60000);
	page.errors = [];
	page.refusedCalls = [];
	page.on("response", (response) => {
		if (response.status() >= 400 && new URL(response.url()).pathname.startsWith("/api/")) {
			page.refusedCalls.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
		}
	});
	page.on("console", (message) => {
		if (message.type() === "error" && !isSocketioOutage(message)) page.errors.push(`console: ${message.text()} (${message.location().url})`);
	});
	page.on("pageerror", (error) => page.errors.push(`page: ${error.message} ${(error.stack || "").split("\n").slice(1, 4).join(" ")}`));
	await page.goto(`${BASE_URL}/login`);
	await page.fill("#login_email", fixtures.users[role]);
	await page.fill("#login_password", fixtures.password);
	await page.click(".page-card .btn-login");
	await page.waitForURL(/\/app(\/|$)/);
	await deskReady(page);
	return page;
}

async function deskReady(page) {
	await page.waitForFunction(() => window.frappe && frappe.boot && frappe.router && !frappe.dom.freeze_count);
}

async function goto(page, route) {
	await page.goto(`${BASE_URL}/app/${route}`);
	await deskReady(page);
}

// The open form, once its document is loaded and rendered.
async function formReady(page, doctype) {
	await page.waitForFunction(
		(dt) => window.cur_frm && cur_frm.doctype === dt && cur_frm.doc && cur_frm.layout,
		doctype,
	);
	await page.waitForFunction(() => !frappe.dom.freeze_count && !(cur_frm && cur_frm.saving));
}

async function save(page) {
	// Ctrl+S clicks the page's primary button, Save on a changed form, unless a dialog is still
	// open (it clicks the dialog's then) or the toolbar has not shown Save yet: wait for both.
	await page.waitForFunction(
		() =>
			cur_frm &&
			!(window.cur_dialog && cur_dialog.display) &&
			(!cur_frm.is_dirty() || cur_frm.page.btn_primary.is(":visible")),
	);
	await page.keyboard.press("Control+s");
	// A shortcut pressed while the toolbar redraws is lost: press once more if no save began and
	// nothing (an error) is shown.
	const began = await page
		.waitForFunction(() => !cur_frm.is_dirty() || cur_frm.saving || (window.cur_dialog && cur_dialog.display), null, {
			timeout: 15000,
		})
		.then(() => true)
		.catch(() => false);
	if (!began) await page.keyboard.press("Control+s");
	await page.waitForFunction(() => cur_frm && !cur_frm.is_dirty() && !cur_frm.doc.__islocal && !cur_frm.saving);
	await page.waitForFunction(() => !frappe.dom.freeze_count);
}

// Click the Workflow action `action` in the form's Actions menu; wait for the state `next`.
async function workflowAction(page, action, next) {
	const group = page.locator(".page-actions .actions-btn-group");
	await group.locator("> button").click();
	await group.locator(".dropdown-menu .dropdown-item", { hasText: new RegExp(`^\\s*${action}\\s*$`) }).click();
	await page.waitForFunction((state) => cur_frm && cur_frm.doc.workflow_state === state && !frappe.dom.freeze_count, next);
	await page.locator(".page-head .indicator-pill", { hasText: next }).first().waitFor();
}

async function setLink(page, fieldname, value) {
	const input = page.locator(`.frappe-control[data-fieldname="${fieldname}"] input`).first();
	await input.fill(value);
	await page.waitForTimeout(400);
	await input.press("Escape");
	await input.blur();
	await page.waitForFunction(([f, v]) => cur_frm.doc[f] === v, [fieldname, value]);
}

async function setData(page, fieldname, value) {
	const input = page.locator(`.frappe-control[data-fieldname="${fieldname}"] :is(input, textarea)`).first();
	await input.fill(String(value));
	await input.blur();
	// Numbers come back as numbers.
	await page.waitForFunction(([f, v]) => String(cur_frm.doc[f]) === String(v), [fieldname, value]);
}

async function setSelect(page, fieldname, value) {
	await page.locator(`.frappe-control[data-fieldname="${fieldname}"] select`).first().selectOption(value);
	await page.waitForFunction(([f, v]) => cur_frm.doc[f] === v, [fieldname, value]);
}

// A Date field `days` from today, typed in the user's date format.
async function setDate(page, fieldname, days) {
	const value = await page.evaluate((d) => frappe.datetime.add_days(frappe.datetime.get_today(), d), days);
	const typed = await page.evaluate((v) => frappe.datetime.str_to_user(v), value);
	const input = page.locator(`.frappe-control[data-fieldname="${fieldname}"] input`).first();
	await input.fill(typed);
	await input.press("Escape");
	await input.blur();
	await page.waitForFunction(([f, v]) => cur_frm.doc[f] === v, [fieldname, value]);
}

// A Datetime field, from "YYYY-MM-DD HH:MM:SS", typed in the user's format.
async function setDatetime(page, fieldname, value) {
	const typed = await page.evaluate((v) => frappe.datetime.str_to_user(v), value);
	const input = page.locator(`.frappe-control[data-fieldname="${fieldname}"] input`).first();
	await input.fill(typed);
	await input.press("Escape");
	await input.blur();
	await page.waitForFunction(([f, v]) => cur_frm.doc[f] && cur_frm.doc[f].slice(0, 16) === v.slice(0, 16), [fieldname, value]);
}

// A new row of the child table `fieldname`, its cells typed in the grid.
async function addRow(page, fieldname, values) {
	const grid = page.locator(`.frappe-control[data-fieldname="${fieldname}"]`);
	await grid.locator(".grid-add-row").click();
	const idx = await page.evaluate((f) => cur_frm.doc[f].length, fieldname);
	const row = grid.locator(`.grid-body .grid-row[data-idx="${idx}"]`);
	for (const [column, value] of Object.entries(values)) {
		await row.locator(`.grid-static-col[data-fieldname="${column}"]`).click();
		const input = row.locator(`.frappe-control[data-fieldname="${column}"] input`).first();
		await input.fill(String(value));
		await page.waitForTimeout(400);
		await input.press("Escape");
		await page.waitForFunction(
			([f, i, c, v]) => String(cur_frm.doc[f][i - 1][c]) === String(v),
			[fieldname, idx, column, value],
		);
	}
}

// A signature drawn with the mouse on a signature pad's canvas.
async function drawSignature(page, canvas) {
	await canvas.scrollIntoViewIfNeeded();
	const box = await canvas.boundingBox();
	const at = (x, y) => [box.x + box.width * x, box.y + box.height * y];
	await page.mouse.move(...at(0.15, 0.6));
	await page.mouse.down();
	for (const [x, y] of [[0.25, 0.3], [0.35, 0.7], [0.45, 0.35], [0.55, 0.65], [0.7, 0.4], [0.85, 0.55]]) {
		await page.mouse.move(...at(x, y), { steps: 6 });
	}
	await page.mouse.up();
}

// The desk's print view of a document in `format`, once its preview shows `text`.
async function printView(page, doctype, name, format, text) {
	if (!decodeURIComponent(page.url()).includes(`/app/print/${doctype}/${name}`)) {
		await goto(page, `print/${encodeURIComponent(doctype)}/${encodeURIComponent(name)}`);
	}
	// The view knows its document once it has rendered the default format.
	await page.frameLocator("iframe.print-format-container").locator(".print-format").first().waitFor();
	const selector = page.locator('.print-preview-sidebar .frappe-control[data-fieldname="print_format"] input');
	await selector.fill(format);
	await page.waitForTimeout(400);
	await selector.press("Escape");
	await selector.blur();
	await page.frameLocator("iframe.print-format-container").locator("body", { hasText: text }).waitFor();
}

async function screenshot(page, name, { fullPage = false } = {}) {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	await page.waitForTimeout(300);
	await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

// What the desk showed when a step failed: its dialogs' and alerts' text, the form's state and the
// API calls refused on the way.
async function deskState(page) {
	const shown = await page
		.evaluate(() => {
			const texts = [...document.querySelectorAll(".modal.show .modal-body, #alert-container .alert")]
				.map((element) => element.innerText.trim())
				.filter(Boolean);
			const frm = window.cur_frm;
			return {
				shown: texts,
				form: frm && frm.doc && { doctype: frm.doctype, name: frm.doc.name, dirty: frm.is_dirty(), saving: !!frm.saving },
				freeze: window.frappe && frappe.dom && frappe.dom.freeze_count,
			};
		})
		.catch((error) => ({ unreadable: String(error) }));
	return { ...shown, refused: page.refusedCalls };
}

function assertNoErrors(...pages) {
	const errors = pages.flatMap((page) => page.errors || []);
	assert.deepEqual(errors, [], `the browser reported errors:\n${errors.join("\n")}`);
}

async function closeRole(page) {
	await page.context().close();
}

// One browser test: `body(login)` logs roles in with `login(role)`; a failure leaves a screenshot
// of the page that was last logged in (screenshots/FAILED-<slug>.png), and any console or page
// error of any of its pages fails the test.
function flow(title, slug, body) {
	test(title, async () => {
		const browser = await launch();
		const pages = [];
		const login = async (role) => {
			const page = await loginAs(browser, role);
			pages.push(page);
			return page;
		};
		try {
			await body(login);
			assertNoErrors(...pages);
		} catch (error) {
			if (pages.length) {
				const page = pages[pages.length - 1];
				await screenshot(page, `FAILED-${slug}`).catch(() => {});
				error.message += `\ndesk: ${JSON.stringify(await deskState(page))}`;
			}
			throw error;
		} finally {
			await browser.close();
		}
	});
}

module.exports = {
	flow,
	BASE_URL,
	fixtures,
	launch,
	loginAs,
	goto,
	formReady,
	save,
	workflowAction,
	setLink,
	setData,
	setSelect,
	setDate,
	setDatetime,
	addRow,
	drawSignature,
	printView,
	screenshot,
	assertNoErrors,
	closeRole,
	deskReady,
};
