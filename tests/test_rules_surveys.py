from tewei_service.rules.surveys import (
	RATED_TOPICS,
	RATINGS,
	SUGGESTIONS,
	TOPICS,
	blank_ratings,
	check_ratings,
	chinese_topic,
	follow_up_reasons,
	satisfaction_percent,
)


def test_the_twelve_topics_of_the_procedure_in_order():
	assert [zh for _topic, zh in TOPICS] == [
		"安全管理",
		"消防管理",
		"綠化管理",
		"清潔管理",
		"消殺工作",
		"設備管理",
		"特約服務",
		"業主需求",
		"社區文化",
		"服務態度",
		"綜合評價",
		"意見建議",
	]
	assert len(RATED_TOPICS) == 11 and SUGGESTIONS not in RATED_TOPICS
	assert chinese_topic("Cleaning Management") == "清潔管理"
	assert [row["topic_zh"] for row in blank_ratings()] == [zh for _topic, zh in TOPICS]


def test_ratings_on_the_scale_each_topic_once():
	good = [
		{"topic": "Cleaning Management", "rating": "Satisfied"},
		{"topic": SUGGESTIONS, "remarks": "More lights"},
	]
	assert check_ratings(good) == []
	assert len(check_ratings([{"topic": "Cleaning Management", "rating": "Excellent"}])) == 1
	assert len(check_ratings([{"topic": "Cleaning Management", "rating": "5"}])) == 1
	assert len(check_ratings([{"topic": "Parking", "rating": "Satisfied"}])) == 1
	assert len(check_ratings([{"topic": SUGGESTIONS, "rating": "Satisfied"}])) == 1
	twice = [{"topic": "Pest Control", "rating": "Fair"}, {"topic": "Pest Control", "rating": "Fair"}]
	assert len(check_ratings(twice)) == 1


def test_poor_ratings_and_suggestions_are_followed_up():
	rows = [
		{"topic": "Security Management", "rating": "Satisfied"},
		{"topic": "Cleaning Management", "rating": "Dissatisfied"},
		{"topic": "Pest Control", "rating": "Fair"},
		{"topic": SUGGESTIONS, "remarks": "  "},
	]
	assert follow_up_reasons(rows) == ["Cleaning Management"]
	rows[-1]["remarks"] = "Please trim the hedges more often"
	assert follow_up_reasons(rows) == ["Cleaning Management", SUGGESTIONS]
	assert follow_up_reasons([{"topic": "Pest Control", "rating": "Satisfied"}]) == []


def test_satisfaction_percent():
	assert satisfaction_percent({}) is None
	counts = {"Satisfied": 2, "Fairly Satisfied": 1, "Fair": 0, "Dissatisfied": 1}
	assert satisfaction_percent(counts) == 75.0


def test_the_rating_table_offers_the_topics_and_scale_of_the_rules(doctypes):
	fields = {field["fieldname"]: field for field in doctypes["Satisfaction Survey Rating"]["fields"]}
	assert fields["topic"]["options"].split("\n") == [topic for topic, _zh in TOPICS]
	assert fields["rating"]["options"].split("\n") == ["", *RATINGS]
