"""The customer side: the journey map, advocacy (NPS, CSAT, retention, referrals) and KPI
periods."""
