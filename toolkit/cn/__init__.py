"""Chinese-language helpers shared by every stage: numbers, dates, text, ID numbers."""
