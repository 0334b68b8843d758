// Copyright (c) 2026, Tewei Property Services and contributors
// For license information, please see license.txt

// The household file (R9): everything filed under the household, newest first, with the changes to
// its customers and contacts. The server returns only what the reader may see.
frappe.ui.form.on("Household", {
	refresh(frm) {
		const wrapper = frm.get_field("household_file").$wrapper;
		if (frm.is_new()) {
			wrapper.empty();
			return;
		}
		frappe
			.xcall("tewei_service.household_file.household_file", { household: frm.doc.name })
			.then((entries) => wrapper.html(render_household_file(entries)));
	},
});

function render_household_file(entries) {
	const e = frappe.utils.escape_html;
	if (!entries.length) {
		return `<p class="text-muted">${e(__("Nothing is filed under this household yet."))}</p>`;
	}
	const rows = entries.map((entry) => {
		const record =
			entry.doctype === "Version"
				? e(__("Change to the people living here"))
				: `<a href="/app/${e(frappe.router.slug(entry.doctype))}/${encodeURIComponent(entry.name)}">${e(
						__(entry.doctype)
				  )} ${e(entry.name)}</a>`;
		return `<tr>
			<td class="text-nowrap">${e(frappe.datetime.str_to_user(String(entry.date || "")))}</td>
			<td>${record}</td>
			<td>${e(entry.description || "")}</td>
			<td>${e(__(entry.status || ""))}</td>
		</tr>`;
	});
	return `<table class="table table-bordered table-sm">
		<thead><tr>
			<th>${e(__("Date"))}</th><th>${e(__("Record"))}</th>
			<th>${e(__("Description"))}</th><th>${e(__("Status"))}</th>
		</tr></thead>
		<tbody>${rows.join("")}</tbody>
	</table>`;
}
