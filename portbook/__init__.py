"""portbook: check every number in five articles about Xinjiang's land ports."""
