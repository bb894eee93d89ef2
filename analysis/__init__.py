"""Analysis stages: raw posts → processed weekly Parquet → weekly reports."""
