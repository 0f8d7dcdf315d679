"""The rule layer (component onrecord_attribution): direct, indirect and mixed attributions.

Each case is (text, expected): expected lists (kind, source, cue, content snippet) for attributions
that must be found; a predicted attribution matches when its kind, source text and cue text are
equal and its content contains the snippet (content spans joined by " … ").
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from spacy.language import Language

from onrecord.pipeline import load


@dataclass(frozen=True)
class Found:
    kind: str
    source: str | None
    cue: str | None
    content: str
    hearsay: bool
    parts: int


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load(mode="rules")


def found(nlp: Language, text: str) -> list[Found]:
    doc = nlp(text)
    out = []
    for a in doc._.attributions:
        out.append(
            Found(
                a.kind,
                text[a.source[0] : a.source[1]] if a.source else None,
                text[a.cue[0] : a.cue[1]] if a.cue else None,
                " … ".join(text[s:e] for s, e in a.content),
                a.hearsay,
                len(a.content),
            )
        )
    return out


def has(items: list[Found], kind: str, source: str | None, cue: str | None, snippet: str) -> bool:
    return any(f.kind == kind and f.source == source and f.cue == cue and snippet in f.content for f in items)


Case = tuple[str, list[tuple[str, str | None, str | None, str]]]

DIRECT: list[Case] = [
    ('"We will win this election," Smith said.', [("direct", "Smith", "said", "We will win this election")]),
    ("“We will win this election,” said Smith.", [("direct", "Smith", "said", "We will win this election")]),
    (
        "‘We will win this election,’ he told reporters.",
        [("direct", "he", "told", "We will win this election")],
    ),
    (
        "'We will win this election,' the senator insisted.",
        [("direct", "the senator", "insisted", "We will win this election")],
    ),
    (
        "«Nous allons gagner cette élection», a dit Smith. Smith said: «We will win the vote tomorrow.»",
        [("direct", "Smith", "said", "We will win the vote tomorrow.")],
    ),
    (
        "Smith added: „We will win the vote tomorrow.“",
        [("direct", "Smith", "added", "We will win the vote tomorrow.")],
    ),
    (
        "The minister said, “There is no alternative to this plan.”",
        [("direct", "The minister", "said", "There is no alternative to this plan.")],
    ),
    (
        "“Russia’s presence supports the republic’s security,” he emphasised, his words carefully chosen.",
        [("direct", "he", "emphasised", "Russia’s presence supports the republic’s security")],
    ),
    (
        "“He told me ‘never again’ and left the room,” she said.",
        [("direct", "she", "said", "He told me ‘never again’ and left the room")],
    ),
    (
        "‘Our officials’ view is clear to everyone,’ the spokesman said.",
        [("direct", "the spokesman", "said", "Our officials’ view is clear to everyone")],
    ),
    (
        "Pashinyan was quick to clarify that ‘there is no task to eliminate the presence of the troops.’",
        [("direct", "Pashinyan", "was quick to clarify", "there is no task to eliminate the presence")],
    ),
]

SPLIT_AND_PARAGRAPHS: list[Case] = [
    (
        "‘There is no question of withdrawing the base,’ he said, his voice steady, ‘This is clearly stated at all levels.’",
        [
            (
                "direct",
                "he",
                "said",
                "There is no question of withdrawing the base … This is clearly stated at all levels.",
            )
        ],
    ),
    (
        "“We are ready,” Jones said, “and we will not back down now.”",
        [("direct", "Jones", "said", "We are ready … and we will not back down now.")],
    ),
    (
        "“The first part of the plan is simple,” Jones said. “We start at dawn.\n“Then we move the trucks north.\n“And then we wait for them,” she added.",
        [("direct", "Jones", "said", "The first part of the plan is simple")],
    ),
]

INDIRECT: list[Case] = [
    ("Smith said that the plan would fail.", [("indirect", "Smith", "said", "that the plan would fail")]),
    ("Smith says the plan will fail.", [("indirect", "Smith", "says", "the plan will fail")]),
    ("Smith will say the plan failed.", [("indirect", "Smith", "say", "the plan failed")]),
    (
        "The company has confirmed that it will close the plant.",
        [("indirect", "The company", "confirmed", "that it will close the plant")],
    ),
    (
        "The minister told parliament that taxes would rise.",
        [("indirect", "The minister", "told", "that taxes would rise")],
    ),
    (
        "She stressed that the talks were going well.",
        [("indirect", "She", "stressed", "that the talks were going well")],
    ),
    (
        "The official warned that the dam could break.",
        [("indirect", "The official", "warned", "that the dam could break")],
    ),
    (
        "He denied that he had met the ambassador.",
        [("indirect", "He", "denied", "that he had met the ambassador")],
    ),
    ("The ministry denied the allegations.", [("indirect", "The ministry", "denied", "the allegations")]),
    (
        "Lawyers argued that the law was unconstitutional.",
        [("indirect", "Lawyers", "argued", "that the law was unconstitutional")],
    ),
    (
        "Kopyrkin made it clear that the base is not a topic for negotiation.",
        [("indirect", "Kopyrkin", "made it clear", "that the base is not a topic")],
    ),
    (
        "He framed Russia’s military presence not as an imposition, but as a cornerstone of security.",
        [("indirect", "He", "framed", "not as an imposition, but as a cornerstone of security")],
    ),
    (
        "It was confirmed by the ministry that the talks had failed.",
        [("indirect", "the ministry", "confirmed", "that the talks had failed")],
    ),
    (
        "The economy, the minister said, is improving fast.",
        [("indirect", "the minister", "said", "The economy … is improving fast")],
    ),
    (
        "The economy is improving fast, the minister said.",
        [("indirect", "the minister", "said", "The economy is improving fast")],
    ),
    (
        "As the report makes clear, the economy is improving.",
        [("indirect", "the report", "makes clear", "the economy is improving")],
    ),
    (
        "According to the ministry, the talks have failed.",
        [("indirect", "the ministry", "According to", "the talks have failed")],
    ),
    (
        "The talks have failed, according to two diplomats.",
        [("indirect", "two diplomats", "according to", "The talks have failed")],
    ),
    (
        "Smith’s claim that the vote was rigged spread quickly.",
        [("indirect", "Smith", "claim", "that the vote was rigged")],
    ),
    (
        "In a statement, the ministry rejected the accusations as baseless.",
        [("indirect", "the ministry", "rejected", "the accusations")],
    ),
    (
        "In an interview with the BBC, the mayor criticised the new law.",
        [("indirect", "the mayor", "criticised", "the new law")],
    ),
    (
        "In an interview with the BBC, the mayor gave a glimpse of the plan.",
        [("indirect", "the mayor", "In an interview", "gave a glimpse of the plan")],
    ),
]

BELIEFS: list[Case] = [
    (
        "The president wants to cut taxes next year.",
        [("indirect", "The president", "wants", "to cut taxes next year")],
    ),
    ("The union backs the new contract.", [("indirect", "The union", "backs", "the new contract")]),
    ("Critics believe the project will fail.", [("indirect", "Critics", "believe", "the project will fail")]),
    (
        "It was a move that some analysts view as a calculated signal to Moscow.",
        [("indirect", "some analysts", "view", "as a calculated signal to Moscow")],
    ),
    (
        "Armenian officials have privately expressed concerns about the base.",
        [("indirect", "Armenian officials", "expressed", "concerns about the base")],
    ),
]

MIXED: list[Case] = [
    (
        "Pashinyan confirmed that the government had ‘reduced the level of Russian military presence’ in 2024.",
        [
            (
                "mixed",
                "Pashinyan",
                "confirmed",
                "that the government had ‘reduced the level of Russian military presence’ in 2024",
            )
        ],
    ),
    (
        'The mayor said the plan was "a total disaster for the city" and had to go.',
        [("mixed", "The mayor", "said", '"a total disaster for the city"')],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DIRECT + SPLIT_AND_PARAGRAPHS + INDIRECT + BELIEFS + MIXED)
def test_attribution_found(
    nlp: Language, text: str, expected: list[tuple[str, str | None, str | None, str]]
) -> None:
    got = found(nlp, text)
    for kind, source, cue, snippet in expected:
        assert has(got, kind, source, cue, snippet), f"{(kind, source, cue, snippet)} not in {got}"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # the next paragraph's quotation has a speaker of its own
        (
            "In a statement, it said it had filed a bid for the bridge contract\n\n“We have the fastest "
            "design,” Ana Ruiz, the firm's chief engineer, said in that statement.",
            "said",
            "it had filed a bid for the bridge contract",
        ),
        (
            "Orr said the mill would close\nThe union disagreed.",
            "said",
            "the mill would close",
        ),
    ],
)
def test_content_stays_in_its_cues_paragraph(nlp: Language, text: str, cue: str, content: str) -> None:
    items = [f for f in found(nlp, text) if f.cue == cue]
    assert items and items[0].content == content, items


def test_a_quotation_open_at_the_paragraph_end_runs_on(nlp: Language) -> None:
    text = "Orr said the plan was “a disaster from the start\n\n“and everyone knew it,” she added."
    items = [f for f in found(nlp, text) if f.cue == "said"]
    assert items and "everyone knew it" in items[0].content, items


@pytest.mark.parametrize(
    "text",
    [
        "“We need action now,” Lund said. “The state has the money.”\n\nNine districts closed, according to unions.",
        "The rally was large.\n“The state has the money.”\nNine districts closed, according to unions.",
        "According to unions, nine districts closed\n\n“The state has the money,” Lund said.",
    ],
)
def test_according_to_stays_in_its_paragraph(nlp: Language, text: str) -> None:
    """The parse may run a sentence over a paragraph break; "according to" reports only its own."""
    (item,) = [f for f in found(nlp, text) if f.cue is not None and f.cue.lower() == "according to"]
    assert item.content == "nine districts closed" or item.content == "Nine districts closed", item


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("‘A is true here,’ he said, his voice steady, ‘B is true too.’", 2),
        ("“First we talk to them.\n“Then we act on it,” he said.", 2),
        ("“A is true here,” he said. “B is another matter.”", 1),
    ],
)
def test_split_and_multi_paragraph_quote_is_one_attribution(nlp: Language, text: str, parts: int) -> None:
    got = [f for f in found(nlp, text) if f.cue == "said"]
    assert len(got) == 1 and got[0].parts == parts, got


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("If they lose, the party will blame the governor.", "blame", "the governor"),
        ("If the company failed, the state could deny it permits.", "deny", "it permits"),
        ("When the vote comes, the senator argued, the bill will pass.", "argued", "the bill will pass."),
        ("The economy is improving, the minister said.", "said", "The economy is improving"),
    ],
)
def test_fronted_adverbial_clause_is_no_content(nlp: Language, text: str, cue: str, content: str) -> None:
    """Before the cue only a complement clause is reported; "If they lose" only frames the report."""
    got = [f for f in found(nlp, text) if f.cue == cue]
    assert [f.content for f in got] == [content], got


@pytest.mark.parametrize(
    ("text", "cue", "hearsay"),
    [
        ("Mirzoyan has reportedly stressed that ‘Armenia has no question about the base.’", "stressed", True),
        ("The minister allegedly said that taxes would rise.", "said", True),
        ("It is said that the king was furious about it.", "said", True),
        ("Mirzoyan stressed that ‘Armenia has no question about the base.’", "stressed", False),
    ],
)
def test_hearsay(nlp: Language, text: str, cue: str, hearsay: bool) -> None:
    got = [f for f in found(nlp, text) if f.cue == cue]
    assert got and got[0].hearsay is hearsay, got


@pytest.mark.parametrize(
    "text",
    [
        "This distinction, subtle but significant, suggests that Armenia is navigating a tightrope.",
        "This assertion, while diplomatic, hints at a broader strategic calculus.",
        "The weather was cold and the streets were empty.",
        "The company makes cars and sells them in Europe.",
        "She said nothing.",
        "He wrote the book in 1999.",
        "The newspaper ‘Syunyc Erkir’ is based in Goris.",
    ],
)
def test_no_attribution(nlp: Language, text: str) -> None:
    got = found(nlp, text)
    assert got == [], got


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "“",
        "”’‘“«»„",
        "“Only a quote with no end",
        "“Just a quote.”",
        "‘One.’\n‘Two.’\n‘Three.’",
        "BREAKING: Minister resigns\nBy Jane Doe, Staff Writer\nUpdated 5 May 2024\n\nPhoto: The minister in 2020 (AFP)\n",
        "Key points:\n- Taxes rise, says minister\n- “We had no choice,” she said\n* Opposition cries foul\n1. First\n2) Second",
        "said said said “ said ” according to according to",
        "He said: “\n\n”",
    ],
)
def test_sloppy_text_never_crashes(nlp: Language, text: str) -> None:
    doc = nlp(text)
    for a in doc._.attributions:
        for s, e in [*a.content, *(x for x in (a.source, a.cue) if x)]:
            assert 0 <= s <= e <= len(text)


def test_long_article(nlp: Language) -> None:
    para = (
        "“We will not stop until the job is done,” the minister said on Monday. "
        "Critics argued that the plan would cost too much, according to a report. "
        "Smith’s claim that the vote was rigged spread quickly.\n"
    )
    text = para * (200_000 // len(para) + 1)
    assert len(text) >= 200_000
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    # the rule layer and the speaker step; the sentence labeller is another component's concern
    with nlp.select_pipes(disable=["onrecord"]):
        doc = nlp(text)
    doc = nlp.get_pipe("onrecord").run([doc], skip=("sourcing",))[0]
    assert doc._.speakers
    assert len(doc._.attributions) >= 3 * (200_000 // len(para))
