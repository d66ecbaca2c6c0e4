"""Idioms: everyday figures of speech whose words name no situation.

"I had a *stroke of luck*" is no stroke, "my *back is against the wall*" no
back pain and "prices have *gone through the roof*" no roof to mend. A
networker hears the figure of speech, not its words: :func:`idiom_rows`
finds the idioms of :data:`IDIOMS` in a trigger, and the reader mutes their
words (see :func:`refgraph.judge.story.read_trigger`), so they describe no
situation and name no trade. The literal story keeps its words: "my mum had
a stroke", "rain coming through the roof", "she broke her leg".

Everyday compounds whose words would name another trade are muted the same
way: a *wine glass* is no eyewear. Each idiom is written as it is said,
word for word; plurals are folded as the matcher folds them, so "by the
skin of our teeth" and "skin of my tooth" read alike. Only idioms whose
words would otherwise name a situation are listed.
"""

from __future__ import annotations

import numpy as np

from refgraph.judge.text_match import TokenTable, phrases_words

#: Drinks a glass is filled with: such glasses are tableware, not spectacles.
_DRINKS: tuple[str, ...] = (
    "wine", "champagne", "prosecco", "fizz", "bubbly", "cava", "sherry", "port", "gin",
    "whisky", "whiskey", "brandy", "beer", "cocktail", "martini", "water", "juice",
    "milk", "red", "white", "rose", "bubbles",
)

#: Markets a business breaks into ("we broke into *the US* market"), told up
#: to the word that names a market and no building.
_MARKETS: tuple[str, ...] = (
    *(f"{the} {market}" for the in ("the", "a", "a new", "new", "this", "that", "our", "their")
      for market in ("market", "markets", "sector", "industry")),
    "new", "the us", "the uk", "the american", "the european", "the eu", "the chinese",
    "the german", "the french", "the overseas", "the international", "the global",
    "the export", "the retail", "the corporate", "the public sector", "the b2b", "the luxury",
)

#: Figures of speech whose words would otherwise name a trade or a situation
#: (a stroke, a leg, a back, a roof, teeth, a car crash, a heart attack).
_IDIOM_PHRASES: tuple[str, ...] = (
    # A stroke of luck is no stroke.
    "stroke of luck", "stroke of good luck", "stroke of bad luck", "stroke of genius",
    "stroke of midnight", "stroke of inspiration", "stroke of fortune", "stroke of the pen",
    "at a stroke", "in one stroke", "different strokes",
    # Wishing someone luck, or a price that costs a limb, hurts nobody.
    # "On its last legs" is not among them: it tells a van near its end.
    "break a leg", "an arm and a leg", "not a leg to stand on", "twist my arm",
    "twisted my arm", "twisting my arm",
    # Under pressure, not a bad back.
    "back against the wall", "back is against the wall", "backs against the wall",
    "backs are against the wall", "back to the wall", "backs to the wall",
    "behind my back", "behind our back", "behind his back", "behind her back",
    "behind their back", "stabbed in the back", "stab in the back", "put our backs into",
    "pat on the back", "get off my back", "got my back", "back to square one",
    # Someone or something tiresome.
    "pain in the neck", "pain in the backside", "pain in the bum", "pain in the arse",
    "pain in the butt", "neck of the woods", "up to my neck", "up to our necks",
    "up to our neck", "breathing down my neck", "breathing down our necks",
    "stick my neck out", "stuck my neck out", "stick our neck out", "neck and neck",
    "a weight off my shoulders", "a weight off my mind", "cold shoulder",
    "chip on his shoulder", "chip on her shoulder", "chip on my shoulder",
    "shoulder to cry on",
    # Prices, demand or tempers, not a roof.
    "gone through the roof", "go through the roof", "went through the roof",
    "going through the roof", "goes through the roof", "hit the roof", "hitting the roof",
    "roof over our heads", "roof over my head", "roof over their heads",
    "roof over his head", "roof over her head", "raise the roof",
    # Money wasted, plans far off.
    "money down the drain", "pipe dream", "in the pipeline",
    # Old, narrowly, learned: no dentist.
    "long in the tooth", "skin of my teeth", "skin of our teeth", "skin of his teeth",
    "skin of her teeth", "skin of their teeth", "sweet tooth", "tooth and nail",
    "cut my teeth", "cut our teeth", "cut his teeth", "cut her teeth", "cut their teeth",
    "teething problems", "teething issues", "teething troubles", "kick in the teeth",
    "lie through his teeth", "lie through her teeth", "lying through his teeth",
    "lying through her teeth", "lying through their teeth", "grit our teeth",
    "grit my teeth", "armed to the teeth", "fed up to the back teeth",
    # Busy, not under water (busy itself is a situation: "snowed under" stays).
    "flooded with orders", "flooded with enquiries", "flooded with calls",
    "flooded with emails", "flooded with applications", "flooded with work",
    "flooded with requests", "flooded with bookings", "flood of orders",
    "flood of enquiries", "flood of calls", "flood of emails", "flood of applications",
    "flood of bookings", "floodgates",
    # A disaster told as a crash, a fright told as an attack.
    "was a car crash", "is a car crash", "was an absolute car crash", "a total car crash",
    "an absolute car crash", "car crash of a", "train wreck", "crash and burn",
    "crashed and burned",
    "gave me a heart attack", "give me a heart attack", "giving me a heart attack",
    "nearly had a heart attack", "almost had a heart attack", "heart in my mouth",
    # Exasperation, not hair loss.
    "tearing my hair out", "tearing our hair out", "tearing his hair out",
    "tearing her hair out", "tearing their hair out", "pulling my hair out",
    "pulling our hair out", "pulling his hair out", "pulling her hair out",
    "pulling their hair out", "let your hair down", "let our hair down",
    "let my hair down", "hair of the dog", "hair's breadth", "splitting hairs",
    # A hand or a foot in a figure of speech.
    "foot the bill", "footing the bill", "footed the bill", "shot ourselves in the foot",
    "shoot ourselves in the foot", "shot myself in the foot", "shoot myself in the foot",
    "shot himself in the foot", "shot herself in the foot", "shot themselves in the foot",
    "wrong foot", "put my foot in it", "put my foot down", "foot in the door",
    "feet under the table", "cold feet",
    "all hands on deck", "rule of thumb", "under the thumb", "twiddling our thumbs",
    "twiddling my thumbs",
    # Extra, lucky, or a leap, not a cake, a ladder or a fall.
    "icing on the cake", "piece of cake", "have our cake and eat it",
    "have your cake and eat it", "cherry on the cake", "cherry on top",
    "bread and butter", "bun in the oven",
    # Eyes, ears and hearts in figures of speech.
    "keep an eye on", "keeping an eye on", "kept an eye on", "eye on the ball",
    "eye for detail", "eye for design", "eye watering", "eyewatering", "turn a blind eye",
    "turned a blind eye", "see eye to eye", "in the blink of an eye", "up to my eyes",
    "up to our eyes", "all ears", "music to my ears", "heart sank", "my heart sank",
    "heart of gold", "heart is in the right place", "change of heart",
    # Trees and gardens that are no garden.
    "money doesnt grow on trees", "money does not grow on trees", "branch out",
    "branching out", "turn over a new leaf", "turned over a new leaf",
    "barking up the wrong tree", "grass is greener", "beat around the bush",
    "beating around the bush", "beat about the bush", "beating about the bush",
    # Water, fire and boats that are no plumbing, fire or travel.
    "in hot water", "water under the bridge", "like a house on fire",
    # Money not made, not money inherited.
    "left money on the table", "leaving money on the table", "leave money on the table",
    # Waking, not a funeral's wake.
    "wake up", "wont wake up", "woke up", "waking up", "wakes up", "wake me up",
    "wake up call", "in the wake of", "in its wake", "in their wake",
    # Doing well, not burning.
    "sales are on fire", "sales on fire", "business is on fire", "been on fire",
    "in the same boat", "rock the boat", "missed the boat", "miss the boat",
    "raining cats and dogs", "rained cats and dogs",
    # Praise claimed, no credit to control.
    "take credit for", "taking credit for", "took credit for", "takes credit for",
    "take the credit for", "taking the credit for", "took the credit for",
    # Relatives by marriage, no law firm.
    "mother in law", "father in law", "son in law", "daughter in law", "brother in law",
    "sister in law", "in laws", "inlaws",
    # Office talk and family talk, no lettings, no tax box, no family law.
    "let us", "touch base", "touching base", "touched base", "outside the box", "tick the box",
    "tick all the boxes", "ticks all the boxes", "black sheep", "black sheep of the family",
    "run in the family", "runs in the family",
    # "Back" that goes with the verb, not the spine: goods sent back, a call
    # returned, a comeback.
    "take it back", "take them back", "took it back", "took them back", "taking it back",
    "send it back", "sent it back", "sending it back", "send them back", "sent them back",
    "came back", "come back", "coming back", "comes back", "call me back", "call you back",
    "called me back", "get back to", "got back to", "getting back to", "bounce back",
    "bounced back", "bouncing back", "back on track", "back to normal", "back in business",
    "plain sailing", "clear the air",
    # Sick of something is fed up, not ill.
    "sick and tired", "sick of", "sick to death of", "sick to the back teeth",
    # Glasses one drinks from are no eyewear: "wine glasses for the party",
    # "a glass of champagne" (plurals fold, so "glass" covers "glasses").
    *(f"{drink} glass" for drink in _DRINKS), "drinking glass", "shot glass",
    "pint glass", "plastic glass", "crystal glass", "glass hire",
    *(f"glass of {drink}" for drink in _DRINKS), "raise a glass", "raise our glass",
    # A market entered, not a building broken into: no burglary, no locksmith.
    # The market's own words stay free ("break into *the US market*" is exporting).
    *(f"{verb} into {where}" for verb in ("break", "broke", "broken", "breaking")
      for where in _MARKETS),
)

#: The idioms as folded word tuples, longest first.
IDIOMS: tuple[tuple[str, ...], ...] = tuple(sorted(
    dict.fromkeys(phrases_words(list(_IDIOM_PHRASES))), key=len, reverse=True))


def idiom_rows(tokens: TokenTable) -> np.ndarray:
    """Rows of a trigger that lie inside one of :data:`IDIOMS`, word for word.

    Parameters
    ----------
    tokens : TokenTable
        The trigger's tokens.

    Returns
    -------
    ndarray of bool
        One flag per token row: True inside an idiom.

    Examples
    --------
    >>> text = "I had a stroke of luck, but my mum had a stroke"
    >>> tokens = TokenTable.from_texts([text])
    >>> [str(w) for w, idiom in zip(tokens.surface, idiom_rows(tokens)) if idiom]
    ['stroke', 'of', 'luck']
    >>> idiom_rows(TokenTable.from_texts(["my back is killing me"])).any()
    np.False_
    """
    rows = np.zeros(len(tokens.code), dtype=bool)
    for start, size in said_word_for_word(tokens, IDIOMS):
        rows[start:start + size] = True
    return rows


def said_word_for_word(tokens: TokenTable, phrases: tuple[tuple[str, ...], ...]
                       ) -> list[tuple[int, int]]:
    """Where each of ``phrases`` (folded word tuples) is said word for word in one segment.

    Returns
    -------
    list of (int, int)
        The first token row and the number of words of each occurrence.

    Examples
    --------
    >>> tokens = TokenTable.from_texts(["the kitchen is on fire; sales on fire"])
    >>> said_word_for_word(tokens, (("on", "fire"),))
    [(3, 2), (6, 2)]
    """
    words = np.asarray(tokens.vocab[tokens.code], dtype=object) if len(tokens.code) else \
        np.zeros(0, dtype=object)
    found = []
    for phrase in phrases:
        size = len(phrase)
        if size > len(words) or phrase[0] not in tokens.index:
            continue
        # Every start where the phrase's words follow one another inside one segment.
        starts = np.ones(len(words) - size + 1, dtype=bool)
        for offset, word in enumerate(phrase):
            starts &= words[offset:len(words) - size + 1 + offset] == word
            starts &= tokens.segment[offset:len(words) - size + 1 + offset] \
                == tokens.segment[:len(words) - size + 1]
        found += [(start, size) for start in np.flatnonzero(starts).tolist()]
    return sorted(found)


__all__ = ["IDIOMS", "idiom_rows", "said_word_for_word"]
