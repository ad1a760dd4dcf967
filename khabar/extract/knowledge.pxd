# The compiled knowledge (Cython reads this beside knowledge.py): its fields in the object itself,
# read by the rules thousands of times an article (from C where the rule knows it holds a Knowledge).
cdef class Knowledge:
    cdef public object entities, kinds, media_titles, adjectives, capitals, offices, person_offices, honorific_pronouns
    cdef public object names, verb_triggers, possessed_triggers, triggers, cues, reported_cues, several_speakers, months
    cdef public object hijri_months, decades, relative_dates, boilerplate, common_words, given_names, given_names_also_words
    cdef public object women_names, listed_family_names
    cdef public object home_names, home_countries, outlet_signs, function_words, frames, future_words, institution_heads
    cdef public object generic_modifiers, name_enders, title_words, name_stops, institution_words, institution_forms
    cdef public object event_frames, event_senses, folder, recogniser
