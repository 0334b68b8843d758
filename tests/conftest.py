import json
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "tewei_service"
MODULE = APP / "tewei_service"


def load_doctypes() -> dict[str, dict]:
	"""Every DocType definition of the app, by name."""
	definitions = (json.loads(path.read_text()) for path in MODULE.glob("doctype/*/*.json"))
	return {
		definition["name"]: definition for definition in definitions if definition.get("doctype") == "DocType"
	}


@pytest.fixture(scope="session")
def doctypes() -> dict[str, dict]:
	return load_doctypes()
