from datetime import date

from tewei_service.rules.catalogue import check_edit, check_proposal, fee_in_force

VERSIONS = [(date(2026, 1, 1), 100.0), (date(2026, 7, 1), 120.0)]


def test_fee_in_force_follows_effective_dates():
	assert fee_in_force(VERSIONS, date(2025, 12, 31)) is None
	assert fee_in_force(VERSIONS, date(2026, 1, 1)) == 100
	assert fee_in_force(VERSIONS, date(2026, 6, 30)) == 100
	assert fee_in_force(VERSIONS, date(2026, 7, 1)) == 120


def test_later_approval_wins_on_the_same_day():
	assert fee_in_force([*VERSIONS, (date(2026, 7, 1), 110.0)], date(2026, 8, 1)) == 110


def test_branch_manager_edits_the_proposal_in_draft_only():
	assert check_edit("Draft", {"proposed_fee"}, {"Branch Manager"}) == []
	assert check_edit(None, {"service_name"}, {"Branch Manager"}) == []
	(problem,) = check_edit("Finance Review", {"proposed_fee"}, {"Branch Manager"})
	assert "while the item is in Draft (now: Finance Review)" in problem.render()
	assert check_edit("Draft", {"proposed_fee"}, {"Accounts Manager"})


def test_approval_fields_are_never_edited_by_hand():
	(problem,) = check_edit("Draft", {"standard_fee", "item"}, {"System Manager", "Branch Manager"})
	assert problem.render() == "item, standard_fee can only be set by approving a fee."


def test_rejection_reason_belongs_to_the_reviewer_of_the_step():
	assert check_edit("Finance Review", {"rejection_reason"}, {"Accounts Manager"}) == []
	assert check_edit("Leadership Approval", {"rejection_reason"}, {"Service Leadership"}) == []
	assert check_edit("Leadership Approval", {"rejection_reason"}, {"Accounts Manager"})


def test_proposal_needs_a_positive_fee_not_backdated():
	assert [v.fieldname for v in check_proposal(0, date(2026, 1, 1), None)] == ["proposed_fee"]
	assert [v.fieldname for v in check_proposal(90, date(2026, 6, 1), date(2026, 7, 1))] == ["effective_date"]
	assert check_proposal(90, date(2026, 7, 1), date(2026, 7, 1)) == []
