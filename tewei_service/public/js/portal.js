// The customer's and the staff member's phone pages (issue 15): every action is a POST through
// frappe.call, which sends the CSRF token; the server checks whose record it is.
(function () {
	"use strict";

	function values(form) {
		const args = {};
		new FormData(form).forEach((value, key) => {
			if (value instanceof File) return;
			args[key] = value;
		});
		return args;
	}

	function done(form, message) {
		const next = form.dataset.next;
		const note = form.querySelector(".tw-done");
		if (note) note.textContent = message || __("Saved");
		setTimeout(() => (next ? (window.location.href = next) : window.location.reload()), 400);
	}

	function call(method, args) {
		return frappe.call({ method, args, type: "POST", freeze: true, freeze_message: __("Sending…") });
	}

	// <form data-method="tewei_service.portal.…"> posts its fields to that method.
	document.addEventListener("submit", (event) => {
		const form = event.target.closest("form[data-method]");
		if (!form) return;
		event.preventDefault();
		if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
		const args = values(form);
		if ("items" in form.dataset) args.items = JSON.stringify(selected_items(form));
		if ("signature" in form.dataset) {
			const pad = form.querySelector("canvas.tw-signature");
			if (!pad || !pad.dataset.signed) {
				frappe.msgprint(__("Please sign in the box first."));
				return;
			}
			args.signature = pad.toDataURL("image/png");
		}
		call(form.dataset.method, args).then((r) => {
			const photos = form.querySelector("input[type=file]");
			if (photos && photos.files.length && r.message) {
				upload_photos(r.message, photos.files).then(() => {
					form.dataset.next = "/service_order?name=" + encodeURIComponent(r.message);
					done(form, __("Request sent"));
				});
				return;
			}
			if (form.dataset.nextOrder && r.message) {
				form.dataset.next = "/service_order?name=" + encodeURIComponent(r.message);
			}
			done(form);
		});
	});

	function selected_items(form) {
		return Array.from(form.querySelectorAll("input[data-item]"))
			.filter((input) => parseFloat(input.value) > 0)
			.map((input) => ({ catalogue_item: input.dataset.item, qty: parseFloat(input.value) }));
	}

	// Photos go one by one, private, onto the new order (tewei_service.portal.requests.attach_photo).
	function upload_photos(order, files) {
		let chain = Promise.resolve();
		Array.from(files).forEach((file) => {
			chain = chain.then(() => {
				const data = new FormData();
				data.append("file", file, file.name);
				data.append("order", order);
				return fetch("/api/method/tewei_service.portal.requests.attach_photo", {
					method: "POST",
					headers: { "X-Frappe-CSRF-Token": frappe.csrf_token, Accept: "application/json" },
					body: data,
				}).then((response) => {
					if (!response.ok) frappe.msgprint(__("A photo could not be added: {0}", [file.name]));
				});
			});
		});
		return chain;
	}

	// The customer signs with a finger: pointer events on a canvas, stored as a PNG data URL.
	function signature_pad(canvas) {
		const context = canvas.getContext("2d");
		const ratio = window.devicePixelRatio || 1;
		const fit = () => {
			const width = canvas.clientWidth;
			canvas.width = width * ratio;
			canvas.height = canvas.clientHeight * ratio;
			context.scale(ratio, ratio);
			context.lineWidth = 2.5;
			context.lineCap = "round";
			context.strokeStyle = "#111";
			context.fillStyle = "#fff";
			context.fillRect(0, 0, width, canvas.clientHeight);
			delete canvas.dataset.signed;
		};
		let drawing = false;
		const point = (event) => {
			const box = canvas.getBoundingClientRect();
			return [event.clientX - box.left, event.clientY - box.top];
		};
		canvas.addEventListener("pointerdown", (event) => {
			drawing = true;
			canvas.setPointerCapture(event.pointerId);
			context.beginPath();
			context.moveTo(...point(event));
		});
		canvas.addEventListener("pointermove", (event) => {
			if (!drawing) return;
			context.lineTo(...point(event));
			context.stroke();
			canvas.dataset.signed = "1";
		});
		["pointerup", "pointercancel"].forEach((name) =>
			canvas.addEventListener(name, () => (drawing = false))
		);
		const clear = canvas.parentElement.querySelector("[data-clear-signature]");
		if (clear) clear.addEventListener("click", fit);
		fit();
	}

	// The order page follows its status: a change made by the office shows without a reload.
	function follow_status(element) {
		const order = element.dataset.followOrder;
		const shown = element.dataset.status;
		setInterval(() => {
			frappe
				.call({ method: "tewei_service.portal.requests.order_status", args: { order } })
				.then((r) => {
					if (r.message && r.message.status !== shown) window.location.reload();
				});
		}, 30000);
	}

	frappe.ready(() => {
		document.querySelectorAll("canvas.tw-signature").forEach(signature_pad);
		document.querySelectorAll("[data-follow-order]").forEach(follow_status);
		document.querySelectorAll("[data-toggle-target]").forEach((button) =>
			button.addEventListener("click", () => {
				const target = document.getElementById(button.dataset.toggleTarget);
				if (target) target.hidden = !target.hidden;
			})
		);
	});
})();
