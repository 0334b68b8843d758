"""The owners' satisfaction survey 《業主滿意度調查表》 (SPEC R2, procedure 2 §5): its twelve topics,
the rating scale, who is revisited afterwards (§5.4) and the figures of Quality's analysis (§5.3).

The procedure names the topics but not the scale; the form uses the four answers common to such
surveys (滿意, 較滿意, 一般, 不滿意). Satisfied means one of the first two. The last topic, 意見建議, is
the owner's own words and takes no rating.
"""

from collections.abc import Iterable, Mapping

from tewei_service.rules import Violation, _

# §5.2, in the paper's order: (topic as stored, its name on the paper).
TOPICS = (
	("Security Management", "安全管理"),
	("Fire Safety Management", "消防管理"),
	("Landscaping Management", "綠化管理"),
	("Cleaning Management", "清潔管理"),
	("Pest Control", "消殺工作"),
	("Equipment Management", "設備管理"),
	("Special Services", "特約服務"),
	("Owners' Needs", "業主需求"),
	("Community Culture", "社區文化"),
	("Service Attitude", "服務態度"),
	("Overall Evaluation", "綜合評價"),
	("Opinions and Suggestions", "意見建議"),
)
TOPIC_NAMES = tuple(topic for topic, _zh in TOPICS)
SUGGESTIONS = "Opinions and Suggestions"
RATED_TOPICS = tuple(topic for topic in TOPIC_NAMES if topic != SUGGESTIONS)

SATISFIED = "Satisfied"
FAIRLY_SATISFIED = "Fairly Satisfied"
FAIR = "Fair"
DISSATISFIED = "Dissatisfied"
# (rating as stored, its name on the paper), best first.
SCALE = ((SATISFIED, "滿意"), (FAIRLY_SATISFIED, "較滿意"), (FAIR, "一般"), (DISSATISFIED, "不滿意"))
RATINGS = tuple(rating for rating, _zh in SCALE)
SATISFIED_RATINGS = (SATISFIED, FAIRLY_SATISFIED)
POOR_RATINGS = (DISSATISFIED,)  # §5.4: 不滿意項 are put right and their owners revisited


def chinese_topic(topic: str) -> str:
	return dict(TOPICS).get(topic, topic)


def blank_ratings() -> list[dict]:
	"""The form's rows, one per topic, as a new survey starts."""
	return [{"topic": topic, "topic_zh": zh} for topic, zh in TOPICS]


def check_ratings(rows: Iterable[Mapping]) -> list[Violation]:
	"""Each topic once, known topics and ratings only, no rating for the owner's own words."""
	problems: list[Violation] = []
	seen = set()
	for row in rows:
		topic, rating = row.get("topic"), row.get("rating")
		if topic not in TOPIC_NAMES:
			problems.append(Violation(_("{topic} is not a topic of the survey."), {"topic": topic}))
			continue
		if topic in seen:
			problems.append(Violation(_("The topic {topic} is listed twice."), {"topic": topic}))
		seen.add(topic)
		if rating and topic == SUGGESTIONS:
			problems.append(
				Violation(_("Write the owner's opinions and suggestions; they take no rating."), {})
			)
		elif rating and rating not in RATINGS:
			problems.append(
				Violation(
					_("{rating} is not on the survey's scale ({scale})."),
					{"rating": rating, "scale": ", ".join(RATINGS)},
				)
			)
	return problems


def follow_up_reasons(rows: Iterable[Mapping]) -> list[str]:
	"""§5.4: why the household is revisited after its survey (empty: no follow-up). The topics it
	rated poorly, and its suggestion, in form order."""
	reasons = []
	for row in rows:
		if row.get("rating") in POOR_RATINGS:
			reasons.append(row["topic"])
		elif row.get("topic") == SUGGESTIONS and (row.get("remarks") or "").strip():
			reasons.append(SUGGESTIONS)
	return reasons


def satisfaction_percent(counts: Mapping[str, int]) -> float | None:
	"""Satisfied and fairly satisfied answers as a share of all ratings, or None with none."""
	rated = sum(counts.get(rating, 0) for rating in RATINGS)
	if not rated:
		return None
	return round(100 * sum(counts.get(rating, 0) for rating in SATISFIED_RATINGS) / rated, 1)
