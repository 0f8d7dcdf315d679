"""Who said it: corrected entities, speakers and their roles.

:mod:`.resolver` is the step (component ``onrecord_speakers``); :mod:`.entities` corrects the
NER, :mod:`.roles` reads roles and gender words, :mod:`.context`, :mod:`.mentions` and
:mod:`.phrases` find whom a source names, :mod:`.review` gives the speaker confidence and the
review reasons; :mod:`.limits` holds their confidences and reaches.
"""
