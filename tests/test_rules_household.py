from tewei_service.rules.household import check_household_customers, primary_index


def test_a_household_needs_a_customer():
	(problem,) = check_household_customers([], [])
	assert "at least one customer" in problem.render()


def test_a_customer_only_once():
	(problem,) = check_household_customers(["Chen", "Lin", "Chen"], [False, False, False])
	assert problem.render() == "Customer Chen is listed twice."


def test_at_most_one_primary():
	(problem,) = check_household_customers(["Chen", "Lin"], [True, True])
	assert "Only one customer" in problem.render()
	assert check_household_customers(["Chen", "Lin"], [False, True]) == []


def test_primary_is_the_marked_row_else_the_first():
	assert primary_index([False, True, False]) == 1
	assert primary_index([False, False]) == 0
