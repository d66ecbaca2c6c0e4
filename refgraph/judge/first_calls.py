"""First calls: what comes before any referral.

An emergency is not a referral. "The kitchen is on fire", "I can smell gas"
or "my dad is having a heart attack" want 999 (or the gas emergency line)
now; whoever a networker knows helps afterwards: the insurance broker, the
trade for the repair. Some troubles want a doctor before anyone is referred:
"I get terrible headaches" is a GP's to look at first, and only then the
optician, the osteopath or the physiotherapist people refer for headaches.
Others must hear first: a scam is the bank's to stop ("call your bank
first"), a crime done the police's for the crime reference number the
insurer asks for, an injury on the premises the liability insurer's. Some
first steps are the owner's own: a parking fine is appealed or paid, money
owed is asked for in writing before any court. :func:`first_calls` says
so, and :func:`refgraph.judge.refer.refer` puts it first among the warnings.

Phrases are said word for word (folded as the matcher folds them) outside
muted words, so "sales are on fire" (an idiom) is no fire. Told in the past
("the kitchen *was* on fire") the emergency is over: only its aftermath is
left to refer for.
"""

from __future__ import annotations

from collections.abc import Iterable

from refgraph.judge.idioms import said_word_for_word
from refgraph.judge.remarks import BURNING_THINGS
from refgraph.judge.story import Trigger
from refgraph.judge.text_match import phrases_words

#: Emergencies by whom to call, whether what they leave is for a referral (a
#: fire leaves a claim and a repair; a child who swallowed a battery leaves
#: nothing for a networker), and the phrases that tell one under way.
_EMERGENCIES: tuple[tuple[str, bool, tuple[str, ...]], ...] = (
    ("call {number} for the fire brigade", True, (
        # Only a thing burns: "my eyes are burning", "the deal went down in flames",
        # "is there a fire risk assessor" are no fire.
        *(f"{thing} {verb}{fire}" for thing in BURNING_THINGS
          for verb in ("", "is ", "are ") for fire in ("on fire", "burning", "in flames")),
        "there is a fire in", "there a fire in", "fire has broken out", "filling with smoke",
        "full of smoke", "smoke pouring", "flames everywhere",
    )),
    ("call the gas emergency line{gas_line} and get out", True, (
        "smell gas", "smell of gas", "smells of gas", "gas leak", "leaking gas",
        "carbon monoxide alarm", "carbon monoxide leak",
    )),
    ("call {number} for an ambulance", False, (
        # A person's, as said: no "unconscious bias", no laptop that "won't wake up".
        "having a heart attack", "having a stroke", "cant breathe", "can not breathe",
        "cannot breathe", "not breathing", "stopped breathing", "is unconscious",
        "knocked unconscious", "lying unconscious", "found unconscious", "chest pains",
        "chest pain", "bleeding heavily", "wont stop bleeding", "having a seizure",
        "taken an overdose", "choking on", "anaphylactic",
        "swallowed a battery", "swallowed a button battery", "swallowed a magnet",
        "swallowed bleach", "swallowed some pills", "swallowed tablets",
    )),
    ("call {number} for the police", True, (
        # A person in danger, not "our website is being attacked".
        "someone is breaking in", "someone breaking in", "trying to break in",
        "being burgled", "intruder in the house", "intruder in our house",
        "intruder in the garden", "being assaulted", "threatening to kill",
    )),
)
#: The emergency number by region (the network's ``imports.default_region``, an
#: ISO 3166 code); 112 answers across the European Union.
EMERGENCY_NUMBERS: dict[str, str] = {
    "GB": "999", "US": "911", "CA": "911", "AU": "000", "NZ": "111", "IN": "112",
    **dict.fromkeys("AT BE BG CH CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT "
                    "NL NO PL PT RO SE SI SK".split(), "112"),
}
#: Gas emergency lines by region, where one number serves the whole country.
GAS_LINES: dict[str, str] = {"GB": "0800 111 999"}
#: The emergencies as (whom to call, leaves a referral, folded phrases); the
#: call names ``{number}`` and ``{gas_line}``, filled in by :func:`emergency_calls`.
EMERGENCIES: tuple[tuple[str, bool, tuple[tuple[str, ...], ...]], ...] = tuple(
    (call, after, tuple(phrases_words(list(phrases)))) for call, after, phrases in _EMERGENCIES)
#: Words that put the emergency in the past, said just before it.
_PAST = frozenset("was were been had".split())
#: Words that make it a pattern, not an emergency under way, said just before
#: it: "I *get* chest pains on the stairs", "he *keeps getting* chest pain" is
#: the GP's, urgently ("medical symptoms"); "he is getting chest pains" is not.
_HABITUAL: tuple[tuple[str, ...], ...] = (("get",), ("gets",), ("keep", "getting"),
                                          ("keeps", "getting"), ("kept", "getting"))

#: Situations a doctor should see before anyone is referred, with what to say.
DOCTOR_FIRST: dict[str, str] = {
    "headaches": "see a GP first to rule out a medical cause: a referral is for what "
                 "the doctor leaves (eyes, neck, posture)",
    "snoring": "see a GP first: loud snoring can be sleep apnoea, which the GP refers for; "
               "a dentist can fit an anti-snoring mouthguard",
    "memory worries": "see a GP first: forgetfulness can have causes a doctor treats, and the "
                      "GP refers for a memory assessment; a lasting power of attorney is best "
                      "made while it can still be signed",
    "medical symptoms": "see a GP first, and soon: a symptom like this is a doctor's to look "
                        "at before anyone in a network; if it comes on suddenly and badly, "
                        "call {number}",
    "problem drinking": "see a GP first: stopping heavy drinking suddenly can be dangerous, "
                        "and the GP refers to local alcohol services; the family can find "
                        "support too (Al-Anon)",
    "eating disorder": "see a GP first: an eating disorder is treated by a specialist team the "
                       "GP refers to, the sooner the better; a counsellor is for alongside",
    # {number} is the region's emergency number (EMERGENCY_NUMBERS).
    "self harm": "see a GP today, or call {number} if they are in danger now; a counsellor "
                 "is for alongside the doctor, never instead",
    "teenage pregnancy": "see a GP or a sexual health clinic first, with her if she wants you "
                         "there: they talk through every choice in confidence and refer on; "
                         "family support or a counsellor is for alongside",
    # Antenatal care is free and booked early: nothing to buy yet.
    "pregnancy": "see a GP or a midwife first (in the UK you can refer yourself to the "
                 "local maternity service): antenatal care is free and best booked before "
                 "about 10 weeks; nothing to buy yet",
    "child sleep": "talk to your health visitor or GP first: the advice is free and they "
                   "check for a cause (reflux, an ear, allergies); a sleep consultant is for "
                   "after, if it goes on",
    "stopping smoking": "the free stop smoking service first (through a GP or a pharmacy): "
                        "its support and medicines give the best chance of quitting; a "
                        "hypnotherapist is for alongside, if wanted",
    "grief": "support first: a GP for grief that will not lift, and free bereavement support "
             "(Cruse Bereavement Support in the UK) or a counsellor; the will and the estate "
             "can wait until they are ready",
}


#: Situations someone else must hear of before anyone is referred, with what
#: to say: a bank can stop a fraud's payments and may refund them, which no
#: solicitor can. ``{fraud_line}`` is the region's (:data:`FRAUD_LINES`).
CALL_FIRST: dict[str, str] = {
    "scams and fraud": "call your bank first, on the number on the back of your card: it "
                       "can stop payments and may get the money back; then report it to "
                       "{fraud_line}",
    # A link clicked may have taken nothing yet: the bank only if money or details went.
    "online scams": "if money or bank details went, call your bank first, on the number on "
                    "the back of your card: it can stop payments; then report it to "
                    "{fraud_line}",
    "pet poisoning": "ring a vet now, out of hours if need be: chocolate, grapes, lilies and "
                     "some pills poison a pet within hours",
    # {number} is the region's emergency number, {police_line} its non-emergency one.
    # Money advice that costs nothing comes before anything sold.
    "personal debt": "free debt and money advice first (StepChange, National Debtline, "
                     "Citizens Advice or MoneyHelper in the UK): it costs nothing, they deal "
                     "with creditors and check what help is owed to you; never a "
                     "fee-charging debt firm, and no investment adviser while money is short",
    # The council's assessment is free and decides what care it pays for.
    "care at home": "ask the council's adult social care team for a care needs assessment "
                    "first: it is free, says what care is needed and what the council pays "
                    "for; then a home care agency (rated by the CQC in England)",
    "harassment": "tell the police first ({number} if anyone is in danger now, else "
                  "{police_line}) and keep a record of every incident; a family solicitor can "
                  "seek an injunction",
}
#: Situations whose first step is the owner's own, with what to say: a fine is
#: appealed or paid without anyone, a debt is asked for in writing before a
#: court or a solicitor.
YOURS_FIRST: dict[str, str] = {
    "fines and tickets": "nothing to refer: appeal it yourself if it was unfair (free, to "
                         "whoever issued it, then the independent appeals service) or pay it "
                         "within the discount period; a speeding ticket is the fixed penalty "
                         "or a course, a motoring solicitor only when the licence is at risk",
    "noisy neighbours": "talk to them first if it feels safe, and keep a diary of the noise; "
                        "then the council's environmental health team (free), or their "
                        "landlord; a mediator or a solicitor only if it goes on",
    "money owed": "ask for it in writing first, with a date (a letter before action); up to "
                  "\u00a310,000 a claim can go to the small claims court without a solicitor "
                  "(Money Claim Online)",
}
#: Situations whose first step is the whole answer when nobody in the network
#: serves them: a symptom is the doctor's, a fine its driver's, and no trade
#: is missing from the network.
NO_TRADE_NEEDED: frozenset[str] = frozenset((
    "medical symptoms", "self harm", "eating disorder", "problem drinking", "teenage pregnancy",
    "grief", "fines and tickets", "pet poisoning", "harassment", "pregnancy", "child sleep",
    "personal debt", "stopping smoking", "noisy neighbours", "care at home",
))
#: Situations whose first call holds even when they are only another need's
#: occasion: an ex who harasses is the family solicitor's order, and the
#: police must still hear first.
STILL_FIRST: frozenset[str] = frozenset(("harassment",))
#: Where a fraud is reported, by region; elsewhere "the police".
FRAUD_LINES: dict[str, str] = {"GB": "Action Fraud (0300 123 2040)"}
#: Crimes told done (a car keyed, a house burgled, a bike stolen): the police
#: give the crime reference number the insurer asks for, so they come before
#: the broker and the repair. Said word for word, as emergencies are.
_CRIMES: tuple[tuple[str, ...], ...] = tuple(phrases_words([
    "keyed my car", "keyed our car", "keyed the car", "car was keyed", "car has been keyed",
    "car got keyed", "been burgled", "was burgled", "were burgled", "got burgled", "burglary",
    "was broken into", "were broken into", "been broken into", "got broken into",
    # Not into a market: "we broke into the US market" is muted (refgraph.judge.idioms).
    "broke into", "burglars", "was stolen", "were stolen", "been stolen", "got stolen",
    "vandalised", "vandalized", "vandalism", "smashed our window", "smashed my window",
    "smashed my car window", "smashed our car window", "car window was smashed",
    "window was smashed", "windows were smashed", "was mugged", "been mugged", "got mugged",
    # Stolen, in slang ("my son got nicked" is an arrest, no theft).
    "bike got nicked", "bike was nicked", "car got nicked", "car was nicked", "van got nicked",
    "van was nicked", "phone got nicked", "phone was nicked",
]))
#: The police's number for a crime that is no emergency, by region.
POLICE_LINES: dict[str, str] = {"GB": "101"}
#: Someone hurt on a business's premises or at work: the liability insurer must
#: hear first (it usually handles the claim and appoints the solicitor).
_INJURIES: tuple[tuple[str, ...], ...] = tuple(phrases_words([
    "customer slipped", "customer tripped", "customer fell", "slipped in our", "tripped in our",
    "fell in our", "slipped on our", "tripped on our", "injured on site", "injured at work",
    "hurt at work", "worker was injured", "employee was injured", "employee got injured",
    "worker got injured", "injured in our shop", "hurt in our shop",
]))


def emergency_calls(trigger: Trigger, region: str = "GB") -> dict[str, bool]:
    """Whom to call at once for the emergencies the trigger tells, in order.

    Each call maps to whether the emergency leaves anything to refer for
    afterwards (a fire's claim does; an ambulance's patient is the doctors').
    The numbers are ``region``'s (:data:`EMERGENCY_NUMBERS`; "the emergency
    number" where the region is not listed).

    Examples
    --------
    >>> from refgraph.io.settings import ReferSettings
    >>> from refgraph.judge.story import read_trigger
    >>> emergency_calls(read_trigger("the kitchen is on fire!", ReferSettings()))
    {'call 999 for the fire brigade': True}
    >>> emergency_calls(read_trigger("the kitchen is on fire!", ReferSettings()), "US")
    {'call 911 for the fire brigade': True}
    >>> emergency_calls(read_trigger("sales are on fire this month", ReferSettings()))
    {}
    >>> emergency_calls(read_trigger("my back is on fire", ReferSettings()))
    {}
    >>> emergency_calls(read_trigger("the kitchen was on fire last week", ReferSettings()))
    {}
    """
    tokens = trigger.tokens
    words = [str(word) for word in tokens.vocab[tokens.code]] if len(tokens.code) else []
    calls = {}
    for call, after, phrases in EMERGENCIES:
        for start, size in said_word_for_word(tokens, phrases):
            if trigger.muted[start:start + size].any():
                continue  # "sales are on fire": an idiom, no fire
            if start > 0 and words[start - 1] in _PAST and (
                    tokens.segment[start - 1] == tokens.segment[start]):
                continue  # "was on fire": over, its aftermath is the referral
            if any(tuple(words[max(start - len(h), 0):start]) == h for h in _HABITUAL):
                continue  # "I get chest pains": a pattern for the GP, not 999 now
            calls[call] = after
            break
    region = str(region).strip().upper()
    number = EMERGENCY_NUMBERS.get(region, "the emergency number")
    gas_line = f" ({GAS_LINES[region]})" if region in GAS_LINES else ""
    return {call.format(number=number, gas_line=gas_line): after
            for call, after in calls.items()}


def referral_after(trigger: Trigger) -> bool:
    """Whether anyone may be referred: no emergency told, or one that leaves a referral.

    Examples
    --------
    >>> from refgraph.io.settings import ReferSettings
    >>> from refgraph.judge.story import read_trigger
    >>> referral_after(read_trigger("our toddler swallowed a battery", ReferSettings()))
    False
    >>> referral_after(read_trigger("the shed is on fire", ReferSettings()))
    True
    """
    return all(emergency_calls(trigger).values())


def first_calls(trigger: Trigger, needs: Iterable[str], *, listed: bool = True,
                region: str = "GB") -> list[str]:
    """What to do before referring anyone, as warnings for refer's answer.

    Parameters
    ----------
    trigger : Trigger
        The trigger, as :func:`refgraph.judge.story.read_trigger` returns it.
    needs : iterable of str
        The names of the situations recognised in it.
    listed : bool
        Whether anyone is listed to help afterwards.
    region : str
        The network's region, for the emergency numbers (see :func:`emergency_calls`).

    Returns
    -------
    list of str
        An emergency's call first ("an emergency, not a referral: call 999
        for the fire brigade now"), then the doctor to see first, then who
        else must hear first (the bank for a scam, the liability insurer for
        an injury on the premises, the police for a crime done); empty when
        the trigger wants none of them.

    Examples
    --------
    >>> from refgraph.io.settings import ReferSettings
    >>> from refgraph.judge.story import read_trigger
    >>> first_calls(read_trigger("I can smell gas in the kitchen", ReferSettings()), [])
    ['an emergency, not a referral: call the gas emergency line (0800 111 999) and get out \
now; whoever is listed is for afterwards']
    >>> first_calls(read_trigger("I get headaches", ReferSettings()), ["headaches"])[0][:18]
    'see a GP first to '
    """
    calls = emergency_calls(trigger, region)
    notes = []
    if calls:
        after = "; whoever is listed is for afterwards" if listed else ""
        notes.append(f"an emergency, not a referral: {' and '.join(calls)} now{after}")
    region = str(region).strip().upper()
    number = EMERGENCY_NUMBERS.get(region, "the emergency number")
    needs = list(dict.fromkeys(needs))
    notes += [DOCTOR_FIRST[name].format(number=number) for name in needs
              if name in DOCTOR_FIRST]
    notes += [YOURS_FIRST[name] for name in needs if name in YOURS_FIRST]
    # One call to the bank for a scam told two ways: a fraud told outright
    # says it without the link clicked's "if".
    calling = [CALL_FIRST[name].format(fraud_line=FRAUD_LINES.get(region, "the police"),
                                       number=number,
                                       police_line=POLICE_LINES.get(region, "the police"))
               for name in needs if name in CALL_FIRST
               and not (name == "online scams" and "scams and fraud" in needs)]
    notes += calling
    if _said(trigger, _INJURIES):
        notes.append("tell your insurer or broker first: public or employers' liability cover "
                     "usually handles an injury claim and appoints the solicitor")
    if not calls and not calling and _said(trigger, _CRIMES):
        # A report already said (a fraud's) or a police call under way covers it.
        line = f" ({POLICE_LINES[region]})" if region in POLICE_LINES else ""
        notes.append(f"report it to the police{line} first for a crime reference number: "
                     "the insurer will ask for it")
    return notes


def first_step_only(notes: list[str], needs: Iterable[str]) -> bool:
    """Whether the first calls are the whole answer when nobody is listed.

    A GP to see for a lump, the police to tell of a phone stolen, a fine to
    appeal: when the trigger wants nothing else (every situation recognised
    is one no trade serves first, or none is), nobody missing from the
    network is worth asking a contact about.

    Parameters
    ----------
    notes : list of str
        What :func:`first_calls` said.
    needs : iterable of str
        The names of every situation recognised in the trigger, occasions left out.

    Returns
    -------
    bool

    Examples
    --------
    >>> first_step_only(["see a GP first, and soon"], ["medical symptoms"])
    True
    >>> first_step_only(["see a GP first to rule out a medical cause"], ["headaches"])
    False
    >>> first_step_only([], [])
    False
    """
    return bool(notes) and all(name in NO_TRADE_NEEDED for name in needs)


def _said(trigger: Trigger, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the trigger says one of ``phrases`` word for word, outside muted words."""
    return any(not trigger.muted[start:start + size].any()
               for start, size in said_word_for_word(trigger.tokens, phrases))


__all__ = ["CALL_FIRST", "DOCTOR_FIRST", "EMERGENCIES", "NO_TRADE_NEEDED", "STILL_FIRST",
           "YOURS_FIRST",
           "emergency_calls", "first_calls", "first_step_only", "referral_after"]
