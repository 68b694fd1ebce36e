# Nautilus on AWS: the production plan of the implementation guide (guide 3) for our design.
#   network.tf  VPC over 3+ zones: public subnets (NAT, load balancers), private subnets (workers)
#   eks.tf      EKS cluster, one managed node group per zone, add-ons (VPC CNI with network policies,
#               CoreDNS, kube-proxy, Pod Identity agent, EBS CSI driver for the gp3 volumes)
#   ecr.tf      the image repository
#   storage.tf  KMS key, S3 bucket for model artifacts and Ignite snapshot backups
#   iam.tf      the Nautilus pods' AWS role (EKS Pod Identity): that bucket, nothing else
# Kubernetes objects (the StorageClass included) live in k8s/, applied with kubectl after this.

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  name       = "${var.name}-${var.environment}"
  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id
  azs        = slice(data.aws_availability_zones.available.names, 0, var.az_count)

  # /19 private subnets (8190 addresses each: pods take VPC addresses), /22 public ones from the top quarter.
  private_subnets = [for i in range(var.az_count) : cidrsubnet(var.vpc_cidr, 3, i)]
  public_subnets  = [for i in range(var.az_count) : cidrsubnet(var.vpc_cidr, 6, 48 + i)]
  nat_count       = var.single_nat_gateway ? 1 : var.az_count

  artifacts_bucket = coalesce(var.artifacts_bucket_name, "${local.name}-artifacts-${local.account_id}-${var.aws_region}")
}
