"""Writing the Kano questionnaire: the questions per feature and their wording per language."""
