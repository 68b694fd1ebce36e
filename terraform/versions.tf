terraform {
  # 1.10+: S3 backend locking with a lock file (use_lockfile), cross-variable validation (1.9+).
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Pinned to the minor version this configuration is validated with (terraform validate, 5.100.0).
      version = "~> 5.100.0"
    }
  }

  # State in S3 with native locking. Partial configuration: the bucket, key and region come from
  # `terraform init -backend-config=backend.hcl` (see backend.hcl.example and README.md).
  backend "s3" {}
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge(var.tags, {
      Application = "nautilus"
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}
