"""Sources described rather than named: a definite description takes the last compatible source named
before it, and a document or poll is its issuer's (rules/descriptions.yaml)."""
import pytest

from provenance.records import Article, Page

pytestmark = pytest.mark.model


def last_source(engine, text):
    """The last attribution's (speaker name, type, rule, resolved_by, vague)."""
    attribution = engine.analyze(Article.from_text(text, "t")).attributions[-1]
    speaker = attribution.speaker
    return (speaker.name if speaker else None, speaker.type if speaker else None,
            speaker.rule if speaker else None, attribution.resolved_by, attribution.vague)


@pytest.mark.parametrize("text,expected", [
    ("The Daily Courier reported the fire on Monday. The newspaper said that two people were hurt.",
     ("Daily Courier", "media", "description.outlet", "antecedent", False)),
    ("Acme Corp. opened a plant in May. The company said that it would hire 300 people.",
     ("Acme Corp.", "organization", "description.organization", "antecedent", False)),
    ("The Ministry of Health closed the clinic. The ministry said that it had no choice.",
     ("Ministry of Health", "government", "description.government", "antecedent", False)),
    # the nearest compatible one
    ("Acme Corp. bought Zenith Inc. in May. The company said that the deal was done.",
     ("Zenith Inc.", "organization", "description.organization", "antecedent", False)),
    ("A report by the World Bank said that growth would slow.",
     ("World Bank", "organization", "article.entity", "issuer", False)),
    # a poll stays a poll, named after who ran it, however the article says so
    ("A survey by Gallup found that most voters were undecided.",
     ("Gallup survey", "poll", "description.poll", "issuer", False)),
    ("Gallup's poll found that most voters were undecided.",
     ("Gallup poll", "poll", "description.poll", "issuer", False)),
    ("A survey found that most voters were undecided. The survey was carried out by research firm Delvon.",
     ("Delvon survey", "poll", "description.poll", "issuer", False)),
    # a share of the people a poll asked is the poll's finding
    ("A survey by Gallup found that voters were tired. More than half of the respondents said that they were undecided.",
     ("Gallup survey", "poll", "description.poll", "respondents", False)),
    ("A survey by Gallup found that voters were tired. Sixty percent of voters said that they were undecided.",
     ("Gallup survey", "poll", "description.poll", "respondents", False)),
    # a document nobody is named for: a vague source of its own type
    ("A new report said that growth would slow.", ("new report", "document", "description.document", "document", True)),
    ("The poll found that most voters were undecided.", ("poll", "poll", "description.poll", "document", True)),
])
def test_descriptions_resolve(engine, text, expected):
    assert last_source(engine, text) == expected


@pytest.mark.parametrize("text", [
    # nothing compatible named before: the description stays what it says
    "The company said that it would hire 300 people.",
    # an indefinite description is no reference back
    "Acme Corp. opened a plant in May. A company said that it would hire 300 people.",
])
def test_descriptions_without_an_antecedent_stay_descriptions(engine, text):
    assert last_source(engine, text)[3] != "antecedent"


def test_every_description_rule_resolves_its_example(engine):
    for rule in engine.rules.descriptions:
        analysis = engine.analyze(Article.from_text(rule.example, "example"))
        resolved = {a.resolved_by for a in analysis.attributions}
        assert resolved & {"antecedent", "issuer", "document", "person-description"}, rule.id


def sources(engine, text):
    """Every attribution's (source mention, speaker name, type), in text order."""
    return [(a.source.text if a.source else None, a.speaker.name if a.speaker else None,
             a.speaker.type if a.speaker else None)
            for a in engine.analyze(Article.from_text(text, "t")).attributions]


# A mention and the canonical name and type it resolves to; the sentences are ours.
@pytest.mark.parametrize("text,expected", [
    # epithets and titles the tagger folds into a name are no part of it
    ("Crooked Maria Lopez spoke in Ohio. Maria Lopez said that the plan would fail.",
     ("Maria Lopez", "Maria Lopez", "person")),
    ("Billionaire Tom Reyes bought the team. Tom Reyes said the stadium would stay.",
     ("Tom Reyes", "Tom Reyes", "person")),
    ("Mr Hollis said that prices would rise.", ("Mr Hollis", "Hollis", "person")),
    # a surname alone is the person the article named in full, even after a headline with the surname
    ("Lopez wins in Ohio\n\nMaria Lopez won the state on Tuesday. Lopez said that the result was clear.",
     ("Lopez", "Maria Lopez", "person")),
    # an apposition: the name, not the description
    ("Jane Doe, an analyst at Zenith Bank, said that prices would rise.",
     ("Jane Doe, an analyst at Zenith Bank", "Jane Doe", "person")),
    ("The director of the museum, Jane Doe, said that the exhibit would open.",
     ("The director of the museum, Jane Doe", "Jane Doe", "person")),
    # a definite description of a person: the person named before it
    ("Jane Doe opened a hotel in May. The businesswoman said that it was full.",
     ("The businesswoman", "Jane Doe", "person")),
    # pronouns agree with the article's Mr and Ms, whichever was named last
    ("Mr Berg and Ms Alvarez met on Monday. She said that the talks had gone well.", ("She", "Alvarez", "person")),
    ("Ms Alvarez met Mr Berg on Monday. He said that the talks had gone well.", ("He", "Berg", "person")),
    # the writer's own voice, outside quotations
    ("I think the council got this wrong, and I said so at the meeting.", ("I", "the author", "author")),
    # named by the byline, and typed as the author all the same
    ("Council Votes\n\nBy Ana Ruiz\n\nI think the council got this wrong, and I said so at the meeting.",
     ("I", "Ana Ruiz", "author")),
    ("Council Votes\n\nBy Ana Ruiz and Tom Hale\n\nWe said at the meeting that the vote was rushed.",
     ("We", "Ana Ruiz + Tom Hale", "author")),
    # a determiner alone names nobody
    ("We asked the council about the costs. That said the costs were high.", ("That", None, None)),
    # organizations typed by the words of their names, never as people
    ("The Department of Energy said that prices would rise.",
     ("The Department of Energy", "Department of Energy", "government")),
    ("The Riverside Chronicle said that prices would rise.",
     ("The Riverside Chronicle", "Riverside Chronicle", "media")),
    ("Acme Inc said that prices would rise.", ("Acme Inc", "Acme Inc", "organization")),
    # a group the alias only qualifies is not the aliased body
    ("White House advisers said that the tariffs would stay.",
     ("White House advisers", "White House advisers", "unnamed")),
    # a possessor's document is the possessor's; a definite document refers back to it
    ("Jane Doe’s campaign manager met donors on Monday. Jane Doe’s statement said that the rally would go ahead.",
     ("Jane Doe’s statement", "Jane Doe", "person")),
    ("A report by the World Bank said that growth would slow. The report said that debt would rise.",
     ("The report", "World Bank", "organization")),
    # a document takes the issuer the article gives it anywhere, even after the mention
    ("A study found that sleep had fallen. The research, published in the journal Sleep Review, covered 900 adults.",
     ("A study", "Sleep Review", "organization")),
    # or the referent of its own modifier
    ("The Ministry of Health closed the clinic. The clinic would stay shut, according to the ministry statement.",
     ("the ministry statement", "Ministry of Health", "government")),
    # the authors of a document are its issuer's people, unnamed
    ("The authors of a report by the World Bank said that growth would slow.",
     ("The authors of a report by the World Bank", "World Bank", "unnamed")),
    # a one-word name the article calls "it" is no person, whatever the tagger says
    ("Zorbex has denied that it broke the rules. Zorbex said that its lawyers would appeal.",
     ("Zorbex", "Zorbex", "organization")),
    # a first name and a surname after a position title are a person's
    ("The firm's new chair Marisol Quintero said that the plant would reopen.",
     ("The firm's new chair Marisol Quintero", "Marisol Quintero", "person")),
    # a name set off from its description is the source, of the description's type
    ('"Prices are too high," said a consumer group - Shoppers United.',
     ("a consumer group - Shoppers United", "Shoppers United", "organization")),
    # names joined by "and" are one source of both; "they" afterwards stands for it
    ("Judge Ann Ruiz and Judge Tom Berg ruled on Monday. Ann Ruiz and Tom Berg said that the law was clear.",
     ("Ann Ruiz and Tom Berg", "Ann Ruiz + Tom Berg", "person")),
    # a description the parser split from its name is the name's
    ("Chip maker Zentrix said that it would build a plant.", ("Chip maker Zentrix", "Zentrix", "organization")),
    # a vague group is typed by its kind, and how many of it spoke is no part of its name
    ("Authorities said that the road would stay closed.", ("Authorities", "Authorities", "government")),
    ("Many analysts said that prices would rise.", ("Many analysts", "analysts", "unnamed")),
    ("Russian newspapers reported that the minister had resigned.",
     ("Russian newspapers", "Russian newspapers", "media")),
    # a body every country has keeps the country that owns it
    ("Peru's commerce ministry said that the talks had gone well.",
     ("Peru's commerce ministry", "Peru's commerce ministry", "government")),
])
def test_canonical_mentions(engine, text, expected):
    assert sources(engine, text)[-1] == expected


def test_the_author_of_a_page_speaks_in_the_first_person_outside_quotations(engine):
    text = ("Council Votes\n\nI asked the mayor about the vote, and I said it was rushed. "
            "\u201cWe kept our promise,\u201d the mayor said.\n")
    found = engine.analyze(Article.from_text(text, "t", page=Page(author="Ana Ruiz, Lakeside Courier"))).attributions
    assert [(a.speaker.name, a.speaker.type, a.speaker.rule) for a in found if a.speaker.type == "author"] == [
        ("Ana Ruiz", "author", "page.author")]
    assert all(a.speaker.name != "Ana Ruiz" for a in found if a.kind == "direct")  # "We" inside the quotation is the mayor's


def test_a_possessor_is_not_who_its_people_are(engine):
    # "Doe's lawyers" speak for Doe but are not Doe
    assert sources(engine, "Jane Doe was charged on Monday. Jane Doe's lawyers said that she was innocent.")[-1][1:] \
        != ("Jane Doe", "person")


@pytest.mark.parametrize("text,expected", [
    # an unnamed aide is the aide of whom the possessive stands for: one source per person, not one "his spokesman"
    ("Jane Doe gave a speech on Monday. Her spokesman said that she was tired.",
     ("Her spokesman", "Jane Doe's spokesman", "unnamed")),
    # people of a body are not the body
    ("Acme Inc lawyers said that the deal was legal.", ("Acme Inc lawyers", "Acme Inc lawyers", "unnamed")),
])
def test_people_of_someone(engine, text, expected):
    assert sources(engine, text)[-1] == expected


def test_a_pronoun_after_names_joined_by_and_stands_for_them_all(engine):
    found = sources(engine, "Ann Ruiz and Tom Berg said that the law was clear. They said that the case was closed.")
    assert found[-1] == ("They", "Ann Ruiz + Tom Berg", "person")


def test_a_name_and_a_description_joined_are_the_name(engine):
    assert sources(engine, "Ann Ruiz and her campaign said that the race was close.")[-1][1] == "Ann Ruiz"


def test_a_suffix_is_no_surname(engine):
    # "Jr." is no one's surname: the second Jr. is not the first
    found = sources(engine, "Tom Berg Jr. was charged on Monday. Ann Ruiz Jr., his lawyer, said that the case was weak.")
    assert found[-1][1] == "Ann Ruiz Jr."


# A surname written with the other apostrophe is the same person's: either way round
@pytest.mark.parametrize("full, short", [("James O’Neill", "O'Neill"), ("James O'Neill", "O’Neill")])
def test_a_surname_is_the_same_whichever_apostrophe_it_is_written_with(engine, full, short):
    found = sources(engine, f"{full}, the union's leader, spoke on Monday. {short} said that the strike would go on.")
    assert found == [(short, full, "person")]


def test_a_name_the_tagger_cut_before_its_last_word_is_one_person(engine):
    # "Henk Ten" + "Cate": the words after the cut belong to the same person
    found = sources(engine, "Barcelona assistant coach Henk Ten Cate has branded the complaint as pathetic. "
                            "Ten Cate said that the referee had done nothing wrong.")
    assert found[-1] == ("Ten Cate", "Henk Ten Cate", "person")


@pytest.mark.parametrize("text,expected", [
    # a lead that describes before it names: the person the next sentence names first
    ("A museum guard has told the inquiry that the alarm had failed.\n\nAnn Kite told the court that she was asleep.",
     ("A museum guard", "Ann Kite", "person")),
    # not one the article named before, nor one an according-to cites
    ("Ann Kite was hired in May.\n\nA museum guard has told the inquiry that the alarm had failed. "
     "Ann Kite told the court that she was asleep.", ("A museum guard", "museum guard", "unnamed")),
    ("The alarm had failed, according to a museum guard.\n\nAnn Kite told the court that she was asleep.",
     ("a museum guard", "museum guard", "unnamed")),
])
def test_a_description_named_in_the_next_sentence(engine, text, expected):
    assert sources(engine, text)[0] == expected


def test_a_title_is_the_person_of_the_article_who_holds_it(engine):
    # the longest title says which role: "the prime minister" is no cabinet minister named before
    text = ("Prime Minister Ana Ruiz met the unions on Monday. Foreign Secretary Tom Berg was away. "
            "The prime minister said that the budget would pass.")
    assert sources(engine, text)[-1] == ("The prime minister", "Ana Ruiz", "official")


@pytest.mark.parametrize("text,expected", [
    # a person its own sentence is about, who never spoke, before the last who spoke
    ("Ann Ruiz, his lawyer, said that the case was weak. When Tom Berg was arrested, he told police that he was innocent.",
     ("he", "Tom Berg", "person")),
    # but not one inside what the pronoun's own verb reports
    pytest.param("Tom Berg spoke first. Mr Ruiz has failed the town, he said.", ("he", "Tom Berg", "person"),
                 marks=pytest.mark.xfail(reason="the parse of this short sentence links no reported clause between "
                                                "the verbs, so Mr Ruiz counts as the subject before the pronoun")),
])
def test_a_pronoun_after_a_subject_of_its_sentence(engine, text, expected):
    assert sources(engine, text)[-1] == expected
