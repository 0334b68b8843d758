"""What the desk's scripts get from the server at login: workflow states and the finance roles,
so no script writes a state name or a role list of its own."""

from tewei_service.setup.roles import FINANCE_ROLES
from tewei_service.states import as_boot


def boot_session(bootinfo) -> None:
	bootinfo.tewei = {"states": as_boot(), "finance_roles": list(FINANCE_ROLES)}
