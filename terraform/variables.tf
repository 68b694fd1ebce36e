variable "aws_region" {
  description = "AWS region of the whole deployment."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be a region name such as us-east-1 or eu-west-1."
  }
}

variable "environment" {
  description = "Environment name, part of every resource name and tag."
  type        = string
  default     = "production"

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be dev, staging or production."
  }
}

variable "name" {
  description = "Prefix of resource names; the EKS cluster is <name>-<environment>."
  type        = string
  default     = "nautilus"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,19}$", var.name))
    error_message = "name must be 2-20 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version (minor). 1.35: in standard support until early 2027 (README.md), and the first with the pod topology labels (beta) that give each Nautilus node its zone. Upgrade one minor version at a time."
  type        = string
  default     = "1.35"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must look like 1.32."
  }
}

variable "cluster_support_type" {
  description = "EKS upgrade policy: STANDARD = AWS upgrades the control plane when standard support ends (no extended-support fees); EXTENDED = stay on the version for up to 12 more months at extra cost."
  type        = string
  default     = "STANDARD"

  validation {
    condition     = contains(["STANDARD", "EXTENDED"], var.cluster_support_type)
    error_message = "cluster_support_type must be STANDARD or EXTENDED."
  }
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose deploy workflow may assume the deploy role through GitHub OIDC."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$", var.github_repository))
    error_message = "github_repository must be owner/name, e.g. nautilus-trading/nautilus."
  }
}

variable "github_deploy_branch" {
  description = "The only branch whose workflow runs may assume the deploy role (OIDC sub repo:<owner>/<repo>:ref:refs/heads/<branch>)."
  type        = string
  default     = "main"

  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]+$", var.github_deploy_branch)) && !strcontains(var.github_deploy_branch, "*")
    error_message = "github_deploy_branch must be one branch name, no wildcards."
  }
}

variable "vpc_cidr" {
  description = "CIDR of the VPC; /16 or larger (private subnets are /19 per zone: the VPC CNI gives every pod a VPC address)."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && try(tonumber(split("/", var.vpc_cidr)[1]) <= 16, false)
    error_message = "vpc_cidr must be a valid IPv4 CIDR with a prefix of /16 or shorter."
  }
}

variable "az_count" {
  description = "Availability zones used. One Nautilus node per zone: with 3, losing a zone leaves 2 of 3 nodes."
  type        = number
  default     = 3

  validation {
    condition     = var.az_count >= 3 && var.az_count <= 6 && floor(var.az_count) == var.az_count
    error_message = "az_count must be a whole number from 3 to 6."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper; a zone outage then cuts egress for all). Default: one per zone."
  type        = bool
  default     = false
}

variable "cluster_endpoint_public_access_cidrs" {
  description = "CIDRs allowed to reach the EKS API endpoint from the internet. Empty: private endpoint only (reach it from the VPC, a VPN or a bastion)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.cluster_endpoint_public_access_cidrs : can(cidrhost(c, 0))])
    error_message = "Every entry of cluster_endpoint_public_access_cidrs must be an IPv4 CIDR such as 203.0.113.0/24."
  }
}

variable "cluster_admin_principal_arns" {
  description = "IAM roles or users given cluster-admin through EKS access entries (the identity running terraform gets it too)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.cluster_admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", a))])
    error_message = "cluster_admin_principal_arns must be IAM role or user ARNs."
  }
}

variable "node_instance_types" {
  description = "Worker instance types. One Nautilus pod per worker: k8s/overlays/production requests 6 vCPU and 12 GiB, sized for 8 vCPU / 16 GiB."
  type        = list(string)
  default     = ["c5.2xlarge"]

  validation {
    condition     = length(var.node_instance_types) > 0 && alltrue([for t in var.node_instance_types : can(regex("^[a-z][a-z0-9-]*\\.[0-9]*[a-z]+$", t))])
    error_message = "node_instance_types must list at least one EC2 instance type such as c5.2xlarge."
  }
}

variable "nodes_per_az" {
  description = "Workers per zone (one managed node group per zone, so a pod always finds a worker in the zone of its EBS volume)."
  type        = number
  default     = 1

  validation {
    condition     = var.nodes_per_az >= 1 && var.nodes_per_az <= 5 && floor(var.nodes_per_az) == var.nodes_per_az
    error_message = "nodes_per_az must be a whole number from 1 to 5."
  }
}

variable "nodes_per_az_max" {
  description = "Maximum workers per zone: room for the replacement worker during node group updates."
  type        = number
  default     = 2

  validation {
    condition     = var.nodes_per_az_max >= var.nodes_per_az && var.nodes_per_az_max <= 10
    error_message = "nodes_per_az_max must be at least nodes_per_az and at most 10."
  }
}

variable "node_disk_size_gb" {
  description = "Root volume of each worker (images, logs); Ignite's data is on its own gp3 volumes."
  type        = number
  default     = 50

  validation {
    condition     = var.node_disk_size_gb >= 20 && var.node_disk_size_gb <= 500
    error_message = "node_disk_size_gb must be between 20 and 500."
  }
}

variable "ecr_repository_name" {
  description = "ECR repository of the Nautilus image."
  type        = string
  default     = "nautilus"

  validation {
    condition     = can(regex("^[a-z0-9]+([._/-][a-z0-9]+)*$", var.ecr_repository_name))
    error_message = "ecr_repository_name must be a valid ECR repository name (lower case)."
  }
}

variable "artifacts_bucket_name" {
  description = "S3 bucket for model artifacts and Ignite snapshot backups. Null: <name>-<environment>-artifacts-<account id>-<region>."
  type        = string
  default     = null

  validation {
    condition     = var.artifacts_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.artifacts_bucket_name))
    error_message = "artifacts_bucket_name must be a valid S3 bucket name (3-63 characters, lower case)."
  }
}

variable "artifacts_noncurrent_version_days" {
  description = "Days an overwritten or deleted artifact version is kept before it expires."
  type        = number
  default     = 90

  validation {
    condition     = var.artifacts_noncurrent_version_days >= 1
    error_message = "artifacts_noncurrent_version_days must be at least 1."
  }
}

variable "k8s_namespace" {
  description = "Namespace of the Nautilus pods (k8s/overlays/production). Their AWS role is bound to it."
  type        = string
  default     = "nautilus"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.k8s_namespace))
    error_message = "k8s_namespace must be a DNS-1123 label."
  }
}

variable "k8s_service_account" {
  description = "ServiceAccount of the Nautilus pods (k8s/base/rbac.yaml)."
  type        = string
  default     = "nautilus"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.k8s_service_account))
    error_message = "k8s_service_account must be a DNS-1123 subdomain."
  }
}

variable "log_retention_days" {
  description = "Retention of the EKS control plane logs (api, audit, authenticator) in CloudWatch."
  type        = number
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  }
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}

variable "api_domain_name" {
  description = "Host name of the HTTP API (the Ingress host in k8s/overlays/production/ingress.yaml); its ACM certificate is created here."
  type        = string
  default     = "api.nautilus-trading.com"

  validation {
    condition     = can(regex("^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.api_domain_name))
    error_message = "api_domain_name must be a lower-case DNS name such as api.example.com."
  }
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of api_domain_name: the certificate's DNS validation records go there (and the API's alias record, which the load balancer controller does not create)."
  type        = string

  validation {
    condition     = can(regex("^Z[A-Z0-9]{1,31}$", var.route53_zone_id))
    error_message = "route53_zone_id must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ."
  }
}

variable "lb_controller_policy_file" {
  description = "Path to the IAM policy of the AWS Load Balancer Controller version you install (iam_policy.json from its release, e.g. v2.13.x): the controller's permissions change with its versions, so the policy is taken from the release, not copied here."
  type        = string
  default     = "aws-load-balancer-controller-iam-policy.json"
}
