"""Linking and source resolution on small texts: one hard news case per row."""
import pytest

from provenance.records import Article

pytestmark = pytest.mark.model


def analyze(engine, text):
    return engine.analyze(Article.from_text(text, "case"))


def summary(attribution):
    """An attribution as (kind, cue texts, speaker name, resolved_by, content texts)."""
    return (
        attribution.kind,
        [c.text for c in attribution.cues],
        attribution.speaker.name if attribution.speaker else None,
        attribution.resolved_by,
        [c.text for c in attribution.content],
    )


CASES = [
    # "A," he said. "B." — one speaker, two pieces of content
    ('Jane Porter arrived late. "We have done everything we could," she said. "Nobody expected the storm to last."',
     [("direct", ["said"], "Jane Porter", "pronoun",
       ["We have done everything we could,", "Nobody expected the storm to last."])]),
    # indirect with "that"
    ("The ministry said that the bridge had been destroyed overnight.",
     [("indirect", ["said"], "ministry", "mention", ["the bridge had been destroyed overnight"])]),
    # a second verb sharing the subject: its own cue with its topic's preposition, no dangling "and"
    ("The senator said he would vote no and warned against a rushed deal.",
     [("indirect", ["said", "warned against"], "senator", "mention", ["he would vote no", "a rushed deal"])]),
    # a quotation without a cue carries on the paragraph's last statement that quotes
    ('"We will not follow a script," Jane Porter said after the meeting. The summit did "too little," she added '
     'on Twitter. "Without new policies, the union risks a lot."',
     [("direct", ["said"], "Jane Porter", "name", ["We will not follow a script,"]),
      ("mixed", ["added"], "Jane Porter", "pronoun",
       ['The summit did "too little,"', "Without new policies, the union risks a lot."])]),
    # what a sign reads or an ad is titled, quoted; a quoted title someone reads is not
    ("Protesters held up signs reading “Porter 4 Mayor”.",
     [("direct", ["reading"], "signs", "mention", ["Porter 4 Mayor"])]),
    ("The ad, entitled “Our Town,” features three families.",
     [("direct", ["entitled"], None, None, ["Our Town,"])]),
    ("She read “War and Peace” twice.", []),
    # a verb form the lemmatizer leaves alone ("jeered") is still its verb
    ("As the mayor left the hall, his critics jeered, “Go home!”",
     [("direct", ["jeered"], "his critics", "vague-head", ["Go home!"])]),
    # a verb, a comma and a quotation: the quotation is that verb's, whatever cue follows it
    ("When someone in the crowd shouted, “Porter!” the mayor said, “Thank you all.”",
     [("direct", ["shouted"], "someone in the crowd", "vague-head", ["Porter!"]),
      ("direct", ["said"], "mayor", "mention", ["Thank you all."])]),
    # a one-word answer right after its verb is what was said
    ("Most voters said yes.", [("indirect", ["said"], "Most voters", "mention", ["yes"])]),
    # markup inside a content is left out of its text
    ("The mayor said <b>the plan</b> was dead.",
     [("indirect", ["said"], "mayor", "mention", ["the plan", "was dead"])]),
    # a participle with a clause speaks for the noun it hangs off
    ("Polls show more voters saying the economy is getting worse.",
     [("indirect", ["saying"], "more voters", "mention", ["the economy is getting worse"])]),
    # an indirect question the parser reads as an adverbial clause
    ("The mayor shook hands and asked workers if they planned to vote.",
     [("indirect", ["asked"], "mayor", "mention", ["they planned to vote"])]),
    ("Asked if he was ever bullied, the candidate said no.",
     [("indirect", ["Asked"], "candidate", "mention", ["he was ever bullied"]),
      ("indirect", ["said"], "candidate", "mention", ["no"])]),
    ("The mayor would not say if she will run again.",
     [("indirect", ["would not say"], "mayor", "mention", ["she will run again"])]),
    # a condition is no question
    ("She will testify if subpoenaed.", []),
    # an embedded post's markup is no verb "tweet" and its attribute values are no quotations
    ('The governor reacted at once.\n\n<tweet pic="" author="JaneDoe" timestamp="1449075600" id="6721530">'
     'Praying for the victims, their families and the first responders.</tweet>.', []),
    # the reporting clause after the content
    ("The bridge had been destroyed overnight, officials said.",
     [("indirect", ["said"], "officials", "vague-head", ["The bridge had been destroyed overnight"])]),
    # mixed: a quotation inside an indirect statement
    ('The mayor said the plan was "a total disaster for the whole city."',
     [("mixed", ["said"], "mayor", "mention", ['the plan was "a total disaster for the whole city."'])]),
    # a content that closes a quotation ends with it before an aside: a participle, or anything after a dash
    ("The senator said the vote would be “a disaster,” referring to the budget plan.",
     [("mixed", ["said"], "senator", "mention", ["the vote would be “a disaster,”"])]),
    ("The governor said things “should be wrapped up by June” — a hope her aides share.",
     [("mixed", ["said"], "governor", "mention", ["things “should be wrapped up by June”"])]),
    ("The senator said the vote was “a disaster,” compared to last year.",
     [("mixed", ["said"], "senator", "mention", ["the vote was “a disaster,” compared to last year"])]),
    # a quotation inside the clause: the rest holds the verb it depends on
    ("The mayor said the stadium — “a gift to the rich” — would be sold.",
     [("mixed", ["said"], "mayor", "mention", ["the stadium — “a gift to the rich” — would be sold"])]),
    ("The mayor said the plan, dubbed “Renew,” costing $5 million, would be dropped.",
     [("indirect", ["said"], "mayor", "mention", ["the plan, dubbed “Renew,” costing $5 million, would be dropped"])]),
    # transcript lines that each open with a quotation mark never closed: the label is the source
    ('Jane Porter spoke with Gov. Anna Berg on Sunday.\n\n"PORTER: Will the budget pass this year?\n\n'
     '"BERG: It will pass before the summer, and “nobody” will stop it.',
     [("direct", [":"], "Jane Porter", "name", ["Will the budget pass this year"]),
      ("direct", [":"], "Anna Berg", "name", ["It will pass before the summer, and “nobody” will stop it"])]),
    # a colon in a quotation that something else introduces, or in a quoted title, is no label
    ('The letter was blunt.\n\n"Dear Gov. Anna Berg: We urge you to veto the bill.\n\n"We ask you to act now," '
     'the mayors wrote.',
     [("direct", ["wrote"], "mayors", "mention",
       ["Dear Gov. Anna Berg: We urge you to veto the bill.", "We ask you to act now,"])]),
    ('Jane Porter wrote a book.\n\n"Porter: A Life in Politics" comes out on Friday.', []),
    # a colon inside a quotation that does not open its line is no label
    ("“Berg: the budget will pass,” Jane Porter wrote.",
     [("direct", ["wrote"], "Jane Porter", "name", ["Berg: the budget will pass,"])]),
    # a that-clause the parser hung as a relative clause on a phrase after the verb is the verb's
    ("Porter said earlier on Friday during a news conference that he may wait until the primaries to decide.",
     [("indirect", ["said"], "Porter", "name", ["he may wait until the primaries to decide"])]),
    ("In Ohio last week, the governor told a meeting of county leaders that few people understood the stakes of the vote.",
     [("indirect", ["told"], "governor", "mention", ["few people understood the stakes of the vote"])]),
    ("The senator answered every question that reporters asked.", []),
    # an inserted clause may name the one spoken to
    ("The economy, the minister told reporters, is strong.",
     [("indirect", ["told"], "minister", "mention", ["The economy", "is strong"])]),
    # words before an inserted clause's subject belong to what it reports, wherever the parser hangs them
    ("But to meet its target, the panel concluded, the levy must rise again in 2019.",
     [("indirect", ["concluded"], "panel", "mention", ["But to meet its target", "the levy must rise again in 2019"])]),
    ('Jane Porter spoke in Ohio. Officials should publish the data and stop using vague words like "soon" and '
     '"perhaps", she told reporters.',
     [("mixed", ["told"], "Jane Porter", "pronoun",
       ['Officials should publish the data and stop using vague words like "soon" and "perhaps"'])]),
    # a conjunction opening the sentence joins no clause before it
    ("But to hit its target, the panel concluded, the tax must rise.",
     [("indirect", ["concluded"], "panel", "mention", ["But to hit its target", "the tax must rise"])]),
    # a parenthetical's medium is no topic of its own
    ("The economy, the minister said on television, is stronger than it looks.",
     [("indirect", ["said"], "minister", "mention", ["The economy", "is stronger than it looks"])]),
    # a reporting clause inserted in what another verb reports is not part of it
    ("Jane Porter spoke on Monday. The economy is strong, the minister said, and unemployment is falling, "
     "she added.",
     [("indirect", ["said"], "minister", "mention", ["The economy is strong", "and unemployment is falling"]),
      ("indirect", ["added"], "Jane Porter", "pronoun", ["The economy is strong", "and unemployment is falling"])]),
    # a subordinate clause opened by "after" or "when" reports nothing of its sentence
    ("After the senator complained, the vote was delayed.", []),
    ("Years ago, when he responded, the board listened.", []),
    # nor does a coordinated clause after its opener, or an absolute phrase
    ("The bill passed the House, but on Tuesday, Democrats responded.", []),
    ("Hours later, the senator having conceded, her supporters went home.", []),
    ("Despite the delays, the company insisted, the project remains on schedule.",
     [("indirect", ["insisted"], "company", "mention", ["Despite the delays", "the project remains on schedule"])]),
    # an "as" clause with a topic of its own reports that, not its sentence
    ("As Porter warned about rising taxes, the crowd cheered.",
     [("indirect", ["warned about"], "Porter", "name", ["rising taxes"])]),
    # "According to X," ends at the comma after the name where the parser hung the sentence on the name
    ("According to radio host Tom Reed, the plan reeks of fear.",
     [("according_to", ["According to"], "Tom Reed", "name", ["the plan reeks of fear"])]),
    # a verb listed with its particle: the particle is part of the cue
    ("“He wants to be a tough guy tonight,” the senator shot back.",
     [("direct", ["shot back"], "senator", "mention", ["He wants to be a tough guy tonight,"])]),
    ("The senator shot back that the reporter had not been called on.",
     [("indirect", ["shot back"], "senator", "mention", ["the reporter had not been called on"])]),
    ("The soldiers fired back at the gunmen.", []),
    ("The rebels fired back on the soldiers.", []),
    # a verb listed with its complement reports the that-clause, wherever the parser hangs it
    ("The senator made it clear that she would run again.",
     [("indirect", ["made it clear"], "senator", "mention", ["she would run again"])]),
    ("The letter makes clear that the company will appeal.",
     [("indirect", ["makes clear"], "letter", "document", ["the company will appeal"])]),
    ("The mayor has been making the case for weeks that the budget is too small.",
     [("indirect", ["has been making the case"], "mayor", "mention", ["the budget is too small"])]),
    ("Workers made the area clear of debris.", []),
    ("The crews made it clear of snow so that buses could run.", []),
    # a quotation the content opens runs on to its end, past the end of the sentence
    ("The senator said the plan “will fail. It has no money and no support.”",
     [("mixed", ["said"], "senator", "mention", ["the plan “will fail. It has no money and no support.”"])]),
    # colon before the quotation
    ('The governor told reporters: "We will rebuild every single house."',
     [("direct", ["told"], "governor", "mention", ["We will rebuild every single house."])]),
    # according to, at the end
    ("The bridge was destroyed in the night, according to the regional police.",
     [("according_to", ["according to"], "regional police", "mention", ["The bridge was destroyed in the night"])]),
    # a poll's finding, the phrase opening its sentence; a standing "in the polls" is none
    ("In a new Gallup poll, most voters backed the plan.",
     [("according_to", ["In"], "Gallup poll", "issuer", ["most voters backed the plan"])]),
    ("The senator still trails in the polls.", []),
    ("In a new speech, the senator backed the plan.", []),
    # agentless
    ("It is reported that the town fell before dawn.",
     [("agentless", ["It is reported"], None, None, ["the town fell before dawn"])]),
    # continuation: an agentless report right after an attributed sentence
    ("The ministry said the talks had failed. It was noted that both delegations left early.",
     [("indirect", ["said"], "ministry", "mention", ["the talks had failed"]),
      ("continuation", ["It was noted"], "ministry", "continuation", ["both delegations left early"])]),
    # a new paragraph breaks the continuation
    ("The ministry said the talks had failed.\n\nIt was noted that both delegations left early.",
     [("indirect", ["said"], "ministry", "mention", ["the talks had failed"]),
      ("agentless", ["It was noted"], None, None, ["both delegations left early"])]),
    # "as X put it" before a quotation: the quotation is what was put, X is its source
    ('His record, as Jane Porter put it in a speech, was “a long list of failures.”',
     [("as_put_it", ["put it"], "Jane Porter", "name", ["His record", "was “a long list of failures.”"])]),
    ('As Jane Porter put it, “the plan is dead.”',
     [("direct", ["put it"], "Jane Porter", "name", ["the plan is dead."])]),
    # the cue is the verb; its source is inside the phrase
    ("The talks, as the envoy once said, are going nowhere.",
     [("as_put_it", ["once said"], "envoy", "mention", ["The talks", "are going nowhere"])]),
    # multi-paragraph quotation
    ('Anna Berg said: "The first part of the statement is here.\n\n"The second part ends the statement."',
     [("direct", ["said"], "Anna Berg", "name",
       ["The first part of the statement is here.", "The second part ends the statement."])]),
    # a quotation resumed after a dash carries on the same attribution
    ("“The army has taken the whole valley,” says the observatory. – Nobody can stop them now. ”",
     [("direct", ["says"], "observatory", "mention", ["The army has taken the whole valley,", "Nobody can stop them now."])]),
    # inverted speaker after the verb
    ('"We are ready for anything that comes," said Defense Minister John Smith.',
     [("direct", ["said"], "John Smith", "name", ["We are ready for anything that comes,"])]),
    # a role description learned from the article
    ("French President Jean Dupont met the envoy on Monday. “We need more time for these talks,” the French leader said.",
     [("direct", ["said"], "Jean Dupont", "role-descriptor", ["We need more time for these talks,"])]),
    # a surname joins the full name's cluster
    ("Maria Lopez spoke on Monday. Later, Lopez said that the budget was balanced.",
     [("indirect", ["said"], "Maria Lopez", "name", ["the budget was balanced"])]),
    # a known source by alias, from the rules
    ("The ICRC said that aid convoys were blocked at the border.",
     [("indirect", ["said"], "International Committee of the Red Cross", "alias", ["aid convoys were blocked at the border"])]),
    # a reporting clause inside what it reports
    ("The new tax, the mayor said, was popular with shop owners.",
     [("indirect", ["said"], "mayor", "mention", ["The new tax", "was popular with shop owners"])]),
    # a verb merely coordinated with a clause reports nothing of it
    ("The river rose quickly after the storm and the mayor responded with a curfew.", []),
    # a name and a colon opening a line: the headline convention
    ("Jane Porter: Our schools need more teachers.\nThe debate lasted an hour.",
     [("indirect", [":"], "Jane Porter", "name", ["Our schools need more teachers"])]),
    # a label in capitals or a list after a colon is no statement
    ("UPDATE: The road has reopened to traffic.", []),
    ("The plan had three parts: a tax, a wall and a fund.", []),
    # an adverb before the verb belongs to the cue
    ("The senator repeatedly insisted that the vote was fair.",
     [("indirect", ["repeatedly insisted"], "senator", "mention", ["the vote was fair"])]),
    # a short utterance opening its sentence is a quotation; a quoted term mid-sentence is not
    ("“Absolutely not,” the minister said.",
     [("direct", ["said"], "minister", "mention", ["Absolutely not,"])]),
    # a quoted name is not a quotation
    ("Fighters of the group “Northern Shield” entered the town.", []),
    # a colon ending the paragraph before a quotation set off on its own
    ('The talks ended late on Friday night.\n\nAfter the vote, Anna Berg added:\n\n"We will not stop here."',
     [("direct", ["added"], "Anna Berg", "name", ["We will not stop here."])]),
    # an infinitive or a "by"-gerund takes in the verb it completes, and its subject
    ("The senator went on to say that the vote was fair.",
     [("indirect", ["went on to say"], "senator", "mention", ["the vote was fair"])]),
    ("The senator responded by saying that the vote was fair.",
     [("indirect", ["responded by saying"], "senator", "mention", ["the vote was fair"])]),
    # the one urged belongs to what is reported
    ("The minister urged Congress to act before the holiday.",
     [("indirect", ["urged"], "minister", "mention", ["Congress to act before the holiday"])]),
    # a quotation resumed later in the paragraph goes on with the last quotation, not with "adding"
    ("Mayor Ann Lee spoke after the vote. “We are not done yet,” she said, adding that the council would meet again. “We will be back.”",
     [("direct", ["said"], "Ann Lee", "pronoun", ["We are not done yet,", "We will be back."]),
      ("indirect", ["adding"], "Ann Lee", "pronoun", ["the council would meet again"])]),
    # the one told is not the speaker
    ("The mayor thanked the council, telling Reuters, “We will be back next year.”",
     [("direct", ["telling"], "mayor", "mention", ["We will be back next year."])]),
    # a relative clause that is a statement of its own is not part of the source
    ("Jane Doe, who noted that the council had met, said the vote was fair.",
     [("indirect", ["noted"], "Jane Doe", "name", ["the council had met"]),
      ("indirect", ["said"], "Jane Doe", "name", ["the vote was fair"])]),
    # a short quotation right after a speech verb is what was said
    ("After the count, the senator declared “What a night!”",
     [("direct", ["declared"], "senator", "mention", ["What a night!"])]),
    # a verb of scope quote reports only a quotation beside it
    ("“We are not done yet,” the mayor continued.",
     [("direct", ["continued"], "mayor", "mention", ["We are not done yet,"])]),
    ("Prices continued to rise in March.", []),
    # an as-clause before what it reports
    ("As the city paper reported, the budget would not be enough for the school.",
     [("indirect", ["reported"], "city paper", "mention", ["the budget would not be enough for the school"])]),
    # a verb after a closed quotation that reports a clause of its own is not the quotation's cue
    ('“We lost the vote.” Ann Lee also claimed that the count had been “badly rushed,” and left.',
     [("direct", [], None, None, ["We lost the vote."]),
      ("mixed", ["also claimed"], "Ann Lee", "name", ["the count had been “badly rushed,”"])]),
    # nor is a verb after it that reports a clause before it: the quotation carries on its speaker's
    ('"It is a front," said Ann Lee, an analyst at Zenith Bank. "We do not know who owns it." '
     'The sale has bought the firm time, analysts said.',
     [("direct", ["said"], "Ann Lee", "name", ["It is a front,", "We do not know who owns it."]),
      ("indirect", ["said"], "analysts", "vague-head", ["The sale has bought the firm time"])]),
    # an infinitive inside a content is part of it, not a statement of its own
    ("Senator Bo Lind says it is even more important to defend the budget this year.",
     [("indirect", ["says"], "Bo Lind", "name", ["it is even more important to defend the budget this year"])]),
    # a quotation, a dash and a name on their own: the epigraph and pull-quote convention
    ("“He promised jobs and gave us excuses.” ― Ana Ruiz\n“I am afraid for my kids.”― Oscar P. Quintero.",
     [("direct", ["―"], "Ana Ruiz", "mention", ["He promised jobs and gave us excuses."]),
      ("direct", ["―"], "Oscar P. Quintero", "name", ["I am afraid for my kids."])]),
    # a clause that introduces a quotation with a colon: its subject speaks, whatever its verb
    ("The crowd fell silent. Jane Porter leaned in and boomed: “We will win.”",
     [("direct", ["boomed"], "Jane Porter", "name", ["We will win."])]),
    # a dash in running prose does not set a name
    ("Ann Lee spoke first. “We lost,” she said — Tom Reed nodded.",
     [("direct", ["said"], "Ann Lee", "pronoun", ["We lost,"])]),
    # a participle or an infinitive after a copula or an adjective speaks for the copula's subject
    ("Jane Porter was blunt about the mayor, saying voters need a change.",
     [("indirect", ["saying"], "Jane Porter", "name", ["voters need a change"])]),
    ("Voters are more likely to say that the mayor has failed.",
     [("indirect", ["to say"], "Voters", "mention", ["the mayor has failed"])]),
    # "citing": the one who cites is the source, what is cited is reported
    ("The agency cut its forecast on Monday, citing weak exports.",
     [("indirect", ["citing"], "agency", "vague-head", ["weak exports"])]),
    # a quotation inside a clause of the writer's: the verb after it reports the whole clause
    ("A driver who “ran a red light” was fined, the officer said.",
     [("mixed", ["said"], "officer", "mention", ["A driver who “ran a red light” was fined"])]),
    # words that lead from the verb into a quotation of the same sentence are part of the statement
    ("The mayor says no matter what the council decides on the budget, “the library will stay open.”",
     [("mixed", ["says"], "mayor", "mention",
       ["no matter what the council decides on the budget, “the library will stay open."])]),
    ("The mayor said, “The library will stay open.”",
     [("direct", ["said"], "mayor", "mention", ["The library will stay open."])]),
    # an order reports what was ordered, with whom it was put to
    ("The governor ordered the agency to reopen the bridge.",
     [("indirect", ["ordered"], "governor", "mention", ["the agency to reopen the bridge"])]),
    # an unbalanced quote mark does not stop the analysis
    ('He arrived. "This one never closes and the line goes on\n\nA plain paragraph follows here.', None),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_linking(engine, text, expected):
    analysis = analyze(engine, text)
    if expected is None:
        assert all(text[s.start:s.end] == s.text for a in analysis.attributions for s in a.content)
        return
    assert [summary(a) for a in analysis.attributions] == expected


# Mechanisms of scope "all" (thought verbs and nominal cues), as PolNeAR annotates them.
WIDE_CASES = [
    # a quotation after a statement another reports ("voters were beginning to realise") is the
    # reporter's, a statement of its own
    ('Jane Porter said voters were beginning to realise that they had to be "patient". '
     '"There are still people who expect miracles."',
     [("mixed", ["said"], "Jane Porter", "name", ['voters were beginning to realise that they had to be "patient"']),
      ("continuation", [], "Jane Porter", "continuation", ["There are still people who expect miracles."])]),
    # the object of a preposition is what a verb is about
    ("The senator talked about the new tax plan.",
     [("indirect", ["talked about"], "senator", "mention", ["the new tax plan"])]),
    ("The union called for a full inquiry into the fire.",
     [("indirect", ["called for"], "union", "mention", ["a full inquiry into the fire"])]),
    # a gerund after the preposition is what the verb is about
    ("The governor cautioned against reading the vote as an endorsement.",
     [("indirect", ["cautioned against"], "governor", "mention", ["reading the vote as an endorsement"])]),
    # "for" opening an infinitive clause with its own subject
    ("The union called for the director to resign.",
     [("indirect", ["called for"], "union", "mention", ["the director to resign"])]),
    # a verb listed with its preposition ("refer to"), with what the object is called
    ("Jane Porter referred to the mayor as a coward.",
     [("indirect", ["referred to"], "Jane Porter", "name", ["the mayor as a coward"])]),
    # a nominal cue: the subject of its verb speaks, and the cue reaches back to the verb
    ("Several voters raised concerns about the new highway.",
     [("indirect", ["raised concerns about"], "Several voters", "mention", ["the new highway"])]),
    # "state" reports its object; "recall" does not: what is recalled is as often a product
    ("The governor stated her intention to run again.",
     [("indirect", ["stated"], "governor", "mention", ["her intention to run again"])]),
    ("The carmaker recalled 50,000 trucks over a brake defect.", []),
    # a reported object ends before what only concerns the act ("and left ...")
    ("The mayor criticized the plan and left the meeting early.",
     [("indirect", ["criticized"], "mayor", "mention", ["the plan"])]),
    # the lemmatizer's "hop" for "hoping" is still the verb hope
    ("The senator was hoping that the vote would pass.",
     [("indirect", ["was hoping"], "senator", "mention", ["the vote would pass"])]),
    ("The senator hopes that the vote will pass.",
     [("indirect", ["hopes"], "senator", "mention", ["the vote will pass"])]),
    # a nominal cue with a that-clause: the possessor speaks
    ("Senator Ann Lee repeated her claim that the vote had been rigged.",
     [("indirect", ["claim"], "Ann Lee", "pronoun", ["the vote had been rigged"])]),
    # a source never lies inside what it reports: the parser took the object for the subject
    ("The ad goes on to openly ridicule Jane Porter, Tom Reed and Ann Berg for criticizing the plan.",
     [("indirect", ["goes on to openly ridicule"], None, None,
       ["Jane Porter, Tom Reed and Ann Berg for criticizing the plan"])]),
    ("Residents used the event to attack Governor Jane Porter by flying banners over the stadium.",
     [("indirect", ["to attack"], None, None, ["Governor Jane Porter by flying banners over the stadium"])]),
    # "seemed" before a reporting infinitive is part of its cue, not a judgement of its own
    ("After the debate, Porter seemed to confirm the rumours about his health.",
     [("indirect", ["seemed to confirm"], "Porter", "name", ["the rumours about his health"])]),
    ("The plan seems unlikely to pass.",
     [("agentless", ["seems"], None, None, ["The plan", "unlikely to pass"])]),
    ('Jane Porter left the stage. "We will not back down," she appeared to say.',
     [("direct", ["appeared to say"], "Jane Porter", "pronoun", ["We will not back down,"])]),
    # a content that opens a quotation runs on to the quotation's end
    ('The mayor called the deal a "good result in a year when so little went right."',
     [("mixed", ["called"], "mayor", "mention", ['the deal a "good result in a year when so little went right."'])]),
    # a comma-set relative clause that makes its own statement leaves the content
    ("The mayor said the budget, which critics claimed was padded, would pass.",
     [("indirect", ["said"], "mayor", "mention", ["the budget", "would pass"]),
      ("indirect", ["claimed"], "critics", "vague-head", ["which", "was padded"])]),
    # an opening clause before the speaker is not what the later clause reports
    ("Claiming the vote had been rigged, Jane Porter told reporters that she would appeal.",
     [("indirect", ["Claiming"], "Jane Porter", "name", ["the vote had been rigged"]),
      ("indirect", ["told"], "Jane Porter", "name", ["she would appeal"])]),
    # a clause set off by a comma only describes the object
    ("The mayor praised the crowd, which chanted her name.",
     [("indirect", ["praised"], "mayor", "mention", ["the crowd"])]),
    # "seems": the writer's judgement of the subject, with no source
    ("The new plan seems unlikely to pass.",
     [("agentless", ["seems"], None, None, ["The new plan", "unlikely to pass"])]),
    ("He appeared on television on Monday.", []),
    # a nominal cue in "said in a statement" is the verb's: the verb's subject speaks, the cue reaches back to it
    ("The strategist Tom Reed says in a statement that the race will now be a two-man contest.",
     [("indirect", ["says in a statement"], "Tom Reed", "name", ["the race will now be a two-man contest"])]),
    # transcript speaker labels: people the article names, whatever their case or tag, with the line's own
    # beliefs in the content; other labels are none
    ("Jane Porter spoke with Gov. Anna Berg on Sunday.\n\nPORTER: Do you think the budget will pass this year?\n\n"
     "BERG: I think it will pass before the summer.\n\nUPDATE: The vote was delayed until Monday.",
     [("indirect", [":"], "Jane Porter", "name", ["Do you think the budget will pass this year"]),
      ("indirect", [":"], "Anna Berg", "name", ["I think it will pass before the summer"])]),
    # an adjective of stance after a copula, listed with its preposition; the cue reaches back to the copula
    ("Republicans have been especially upset about the ruling.",
     [("indirect", ["have been especially upset about"], "Republicans", "entity", ["the ruling"])]),
    ("Critical of the plan, she left the room.", []),
    # "see ... as": a view of something; "see" alone is no cue
    ("Developers see golf courses as wasted space.",
     [("indirect", ["see"], "Developers", "mention", ["golf courses as wasted space"])]),
    ("She saw him as she left.", []),
    # an object the parser read as part of an object predicate
    ("He later suggested her tone was harsh, called her “third-rate” and boycotted one of the debates.",
     [("indirect", ["later suggested"], None, None, ["her tone was harsh"]),
      ("mixed", ["called"], None, None, ["her “third-rate”"])]),
    # a preposition between the verb and what it reports belongs to the cue
    ("The union leader called on the mayor to resign.",
     [("indirect", ["called on"], "union leader", "mention", ["to resign"])]),
    ("The judge agreed with the prosecutors that the delay was unfair.",
     [("indirect", ["agreed with"], "judge", "mention", ["the delay was unfair"])]),
    # a time is not such a preposition
    ("The union leader called on Friday to end the strike.",
     [("indirect", ["called"], "union leader", "mention", ["to end the strike"])]),
    # a passive verb that names its agent reports its subject
    ("The proposal was rejected by a majority of the council.",
     [("indirect", ["was rejected"], "majority of the council", "mention", ["The proposal"])]),
    ("The proposal, which was rejected by the council, returns next year.", []),
    # judgements that report their object with what is said of it
    ("The senator characterized the bill as a giveaway.",
     [("indirect", ["characterized"], "senator", "mention", ["the bill as a giveaway"])]),
    ("The senator labeled the report a whitewash.",
     [("indirect", ["labeled"], "senator", "mention", ["the report a whitewash"])]),
    ("The senator credited the governor with the deal.",
     [("indirect", ["credited"], "senator", "mention", ["the governor with the deal"])]),
    ("The senator compared the new plan to a tax hike.",
     [("indirect", ["compared"], "senator", "mention", ["the new plan to a tax hike"])]),
    ("The mayor alluded to the budget crisis.",
     [("indirect", ["alluded to"], "mayor", "mention", ["the budget crisis"])]),
    # a belief reported inside a statement is not an attribution of its own
    ("The mayor said that residents oppose the new highway.",
     [("indirect", ["said"], "mayor", "mention", ["residents oppose the new highway"])]),
]


@pytest.mark.parametrize("text,expected", WIDE_CASES, ids=[c[0][:40] for c in WIDE_CASES])
def test_linking_scope_all(wide_engine, text, expected):
    assert [summary(a) for a in analyze(wide_engine, text).attributions] == expected


# Contents cut as PolNeAR annotates them (`provenance eval --conventions polnear`).
POLNEAR_CASES = [
    # a run-on content takes in a clause that hangs on a word it holds ("a meeting she had"),
    # and stops at a clause of the sentence's own ("she also hosted")
    ("The mayor claimed in an interview that she is not backing any candidate, and in addition to a "
     "meeting she had with the governor last year, she also hosted the senator.",
     [("indirect", ["claimed"], "mayor", "mention",
       ["that she is not backing any candidate, and in addition to a meeting she had with the governor last year"])]),
    ("The mayor said the city was not backing the plan, and the council voted against it.",
     [("indirect", ["said"], "mayor", "mention", ["the city was not backing the plan"])]),
]


@pytest.fixture(scope="module")
def polnear_engine(engine):
    """The engine of `provenance eval`: scope all, PolNeAR's conventions, sharing the loaded pipeline."""
    from provenance.engine import Engine
    from provenance.evaluation.conventions import POLNEAR

    return Engine(engine.nlp, engine.rules, scope="all", conventions=POLNEAR)


@pytest.mark.parametrize("text,expected", POLNEAR_CASES, ids=[c[0][:40] for c in POLNEAR_CASES])
def test_linking_polnear_conventions(polnear_engine, text, expected):
    assert [summary(a) for a in analyze(polnear_engine, text).attributions] == expected


def test_vague_source_makes_a_vague_claim(engine):
    analysis = analyze(engine, "Officials said the border would reopen on Friday.")
    assert [c.status for c in analysis.claims] == ["vague"]


def test_unattributed_claim_has_no_attribution(engine):
    analysis = analyze(engine, "Five soldiers were killed on Monday in the north of the province.")
    [claim] = analysis.claims
    assert (claim.status, claim.attribution) == ("unattributed", None)
    assert "claim.casualties" in claim.reasons


def test_long_article_is_parsed_in_chunks_with_exact_offsets(engine):
    paragraph = "The ministry said that the bridge had been destroyed overnight. Nobody was hurt.\n\n"
    text = paragraph * 1300  # over the 100,000-character chunk size
    analysis = analyze(engine, text)
    assert len(analysis.attributions) == 1300
    last = analysis.attributions[-1].content[0]
    assert text[last.start:last.end] == "the bridge had been destroyed overnight"


def test_polnear_conventions_split_shared_cues_and_keep_that(engine):
    from provenance.engine import Engine
    from provenance.evaluation.conventions import POLNEAR

    text = "The minister noted that talks had begun, emphasizing that they would be long."
    merged = [summary(a) for a in analyze(engine, text).attributions]
    split = [summary(a) for a in analyze(Engine(engine.nlp, engine.rules, conventions=POLNEAR), text).attributions]
    assert merged == [("indirect", ["noted", "emphasizing"], "minister", "mention",
                       ["talks had begun", "they would be long"])]
    assert split == [("indirect", ["noted"], "minister", "mention", ["that talks had begun"]),
                     ("indirect", ["emphasizing"], "minister", "mention", ["that they would be long"])]



def test_polnear_conventions_keep_only_the_outer_of_nested_statements(engine):
    from provenance.engine import Engine
    from provenance.evaluation.conventions import POLNEAR

    text = "The senator said the mayor told aides that he would resign."
    nested = [summary(a) for a in analyze(engine, text).attributions]
    outer = [summary(a) for a in analyze(Engine(engine.nlp, engine.rules, conventions=POLNEAR), text).attributions]
    assert nested == [("indirect", ["said"], "senator", "mention", ["the mayor told aides that he would resign"]),
                      ("indirect", ["told"], "mayor", "mention", ["he would resign"])]
    assert outer == [("indirect", ["said"], "senator", "mention", ["the mayor told aides that he would resign"])]
    # of two contents that hold each other's cues, neither is dropped for the other
    polnear = Engine(engine.nlp, engine.rules, scope="all", conventions=POLNEAR)
    both = [summary(a) for a in analyze(polnear, "As the Post reported, the bill, officials said, is dead.").attributions]
    assert [a[1] for a in both] == [["reported"], ["said"]]
    # what a cue phrase reports is its whole sentence, statements in it included
    polled = [summary(a) for a in analyze(polnear, "Most voters say they want lower prices, according to a survey "
                                                  "by the institute.").attributions]
    assert polled == [("according_to", ["according to"], "survey by the institute", "document",
                       ["Most voters say they want lower prices"])]
    # a writer's judgement with no source holds no statement
    judged = [summary(a) for a in analyze(polnear, "It appears that the mayor told aides he would resign.").attributions]
    assert [a[1] for a in judged] == [["appears"], ["told"]]

# In the headline a capitalized noun before a colon names a source too.
def test_headline_colon_names_a_source(wide_engine):
    text = "Poll: Porter Leads Berg In Ohio\n\nA new poll shows Jane Porter ahead of Anna Berg in Ohio."
    first = analyze(wide_engine, text).attributions[0]
    assert summary(first)[:2] == ("indirect", [":"])
    assert (first.source.text, [c.text for c in first.content]) == ("Poll", ["Porter Leads Berg In Ohio"])


# What the source mention covers: appositions and relative clauses stay (not a trailing one on "which"), asides go.
MENTION_CASES = [
    ("Jane Porter, a lawyer for the family, said the ruling was unfair.", "Jane Porter, a lawyer for the family"),
    ("Jane Porter, president of the teachers union, which represents city teachers, said the plan would fail.",
     "Jane Porter, president of the teachers union"),
    ("Jane Porter, who represents city teachers, said the plan would fail.",
     "Jane Porter, who represents city teachers"),
    # the parser hung the sentence on the name; the mention stops at the comma
    ("According to radio host Tom Reed, the plan reeks of fear.", "radio host Tom Reed"),
    ("Even some of her allies said the plan had failed.", "some of her allies"),
    ("The report on Wednesday said that exports had fallen.", "The report"),
    ("Tom Reed, in Ohio, said the count was late.", "Tom Reed"),
    ("Tom Reed, smiling broadly, said the count was late.", "Tom Reed"),
    ("WASHINGTON — Senator Anna Berg said the bill would pass.", "Senator Anna Berg"),
    ("Headline Of The Story\n\nNew York (AFP) – Senator Anna Berg said the bill would pass.", "Senator Anna Berg"),
    ("CLEVELAND, July 19 (UPI) — Senator Anna Berg said the bill would pass.", "Senator Anna Berg"),
    ("The vote was close. Said Jane Porter: “We will not give up.”", "Jane Porter"),
    ("Headline Of The Story\n\nA deck under the headline.\n\nBRUSSELS - European leaders said the plan would pass.",
     "European leaders"),
]


@pytest.mark.parametrize("text,expected", MENTION_CASES, ids=[c[1] for c in MENTION_CASES])
def test_source_mention(engine, text, expected):
    (attribution,) = analyze(engine, text).attributions
    assert text[attribution.source.start:attribution.source.end] == expected


def test_source_mention_stops_at_its_verb(wide_engine):
    # the parser hangs the apposition after the verb on the subject
    text = "A group representing nurses endorsed Jane Porter for governor on Monday, another example of labor backing her."
    (attribution,) = analyze(wide_engine, text).attributions
    assert attribution.source.text == "A group representing nurses"


def test_recased_headline_keeps_its_own_text(engine):
    # a headline ending in a full stop reads as a sentence: it is parsed recased but reported as written
    text = "Porter Says The Bill Will Pass.\n\nJane Porter says the bill will pass, and it will."
    analysis = analyze(engine, text)
    first = analysis.attributions[0]
    assert (first.cue.text, [c.text for c in first.content]) == ("Says", ["The Bill Will Pass"])
    assert analysis.claims[0].text == "Porter Says The Bill Will Pass."
