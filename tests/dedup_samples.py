"""Invented news articles shared by the fingerprint, dedup and cluster tests.

One wire story about a warehouse fire, its copies (edited, extended, trimmed, reworded), and
unrelated stories, including two shootings in different towns that share all their topic words.
"""

from __future__ import annotations

from storyfuse.models import Article

WIRE = [
    "A fire tore through a furniture warehouse in Millbrook on Tuesday night, forcing the evacuation "
    "of about 40 nearby homes, the county fire service said.",
    "Firefighters were called to the Harlan Road site at 9:40 p.m. and found the building engulfed in "
    "flames, Chief Dana Okafor told reporters at the scene.",
    "More than 60 firefighters from five stations spent six hours bringing the blaze under control. "
    "Two firefighters were treated for smoke inhalation and released from Millbrook General Hospital.",
    "The warehouse, owned by Castell Home Goods, stored sofas, mattresses and paint, which fed the fire "
    "and sent a column of black smoke over the town.",
    "Residents of Alder Street and Pine Crescent were allowed back into their homes shortly after 3 a.m. "
    "on Wednesday, once air quality readings returned to normal.",
    "Investigators from the state fire marshal's office are expected to examine the site on Thursday. "
    "The cause of the fire has not been determined.",
    "Castell Home Goods said in a statement that all 25 of its employees were safe and that it would "
    "cooperate fully with the investigation.",
]

EDITED = [
    *WIRE[:3],
    "The warehouse, owned by Castell Home Goods, held furniture, bedding and cans of paint that fed "
    "the flames and sent thick smoke over the town.",
    *WIRE[4:],
]

EXTRA = [
    "Local council member Rita Vance said the town had asked the company twice last year to improve "
    "its sprinkler system, after an inspection found that two of the alarms were out of order and that "
    "a loading bay door had been blocked with pallets for several weeks in a row.",
    "Neighbours described a night of sirens and smoke. Tomas Reyes, who lives on Alder Street with his "
    "two children, said he woke to the smell of burning plastic and saw orange light through the "
    "curtains. He said the family drove to his sister's home across the river and watched the news "
    "until they were allowed to return in the early hours of the morning.",
    "The warehouse had stood on Harlan Road since 1978 and was a textile mill before Castell bought it "
    "in 2009. Historians in the town said the brick building was one of the last reminders of the "
    "valley's weaving trade, which once employed more than 3,000 people in Millbrook and nearby "
    "villages before the mills closed one after another in the 1980s.",
    "Insurance experts said losses could run into millions of dollars, as the stock of upholstered "
    "furniture, bedding and paint inside the building was almost certainly destroyed, and the "
    "structure itself will likely have to be pulled down once the investigators have finished their "
    "work at the scene later this week.",
]

EXTENDED = [*WIRE, *EXTRA]

TRIMMED = WIRE[:3]

REWORDED = [
    "Flames ripped through a Millbrook furniture warehouse late on Tuesday, and about 40 homes nearby "
    "were evacuated, according to the county fire service.",
    "Chief Dana Okafor said crews reached the Harlan Road building at 9:40 p.m. to find it engulfed.",
    "It took more than 60 firefighters from five stations six hours to control the blaze; two were "
    "treated at Millbrook General Hospital for smoke inhalation.",
    "Sofas, mattresses and paint stored by owner Castell Home Goods fed the fire, which sent black "
    "smoke across the town.",
    "People from Alder Street and Pine Crescent returned home after 3 a.m. Wednesday when air quality "
    "readings were normal again.",
    "The state fire marshal's office will examine the site Thursday; the cause is not yet known.",
]

UNRELATED = [
    "The Riverside city council voted 7-2 on Monday to extend the downtown tram line to the university "
    "campus, a project expected to cost $84 million.",
    "Mayor Helen Duarte said construction would begin next spring and the first trams would run on the "
    "new section in late 2027.",
    "Opponents argued that the money should go to repairing roads in the city's eastern districts, "
    "where residents have complained about potholes for years.",
    "The council also approved a study of bus routes that would connect the new tram stops with "
    "outlying neighbourhoods.",
]

SHOOTING_OAKDALE = [
    "A 34-year-old man was shot and killed early Saturday outside a bar on Kessler Avenue in Oakdale, "
    "police said.",
    "Officers found Marcus Webb with a gunshot wound to the chest shortly after 1:30 a.m. He was taken "
    "to St. Anne's Medical Center, where he was pronounced dead.",
    "Police said a man in a grey hooded sweatshirt fled on foot toward Lindell Park. No arrests have "
    "been made.",
    "Anyone with information about the shooting is asked to call the Oakdale Police Department.",
]

SHOOTING_OAKDALE_FOLLOWUP = [
    "Oakdale police on Monday arrested a 22-year-old man in the fatal shooting of Marcus Webb outside a "
    "Kessler Avenue bar.",
    "Webb, 34, was shot in the chest early Saturday and died at St. Anne's Medical Center.",
    "Detectives said Darnell Price was arrested near Lindell Park after a tip and has been charged with "
    "murder, police said.",
    "Police said the two men had argued inside the bar before the shooting.",
]

SHOOTING_GRANTVILLE = [
    "A 19-year-old man was shot and wounded late Friday outside a convenience store on Birch Lane in "
    "Grantville, police said.",
    "Officers found Jamal Torres with a gunshot wound to the leg shortly after 11 p.m. He was taken to "
    "Grantville Regional Hospital in stable condition.",
    "Police said two men in a dark sedan drove away toward Route 9. No arrests have been made.",
    "Anyone with information about the shooting is asked to call the Grantville Police Department.",
]


def article(
    article_id: str, paragraphs: list[str], published: str | None = None, title: str | None = None
) -> Article:
    """An article as the cleaning stage would hand it on."""
    return Article(article_id, f"{article_id}.txt", list(paragraphs), title=title, published=published)
