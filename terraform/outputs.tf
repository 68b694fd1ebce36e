output "region" {
  description = "AWS region."
  value       = var.aws_region
}

output "cluster_name" {
  description = "EKS cluster name."
  value       = aws_eks_cluster.this.name
}

output "cluster_endpoint" {
  description = "EKS API endpoint."
  value       = aws_eks_cluster.this.endpoint
}

output "kubeconfig_command" {
  description = "Adds the cluster to ~/.kube/config."
  value       = "aws eks update-kubeconfig --region ${var.aws_region} --name ${aws_eks_cluster.this.name}"
}

output "ecr_repository_url" {
  description = "Push the Nautilus image here; set it in k8s/overlays/production (kustomize edit set image)."
  value       = aws_ecr_repository.nautilus.repository_url
}

output "artifacts_bucket" {
  description = "S3 bucket for model artifacts (models/) and Ignite snapshot backups (backups/)."
  value       = aws_s3_bucket.artifacts.bucket
}

output "nautilus_pod_role_arn" {
  description = "IAM role of the Nautilus pods (EKS Pod Identity, bound to the ServiceAccount below)."
  value       = aws_iam_role.nautilus.arn
}

output "nautilus_service_account" {
  description = "Namespace/ServiceAccount the pod role is bound to; must match k8s/."
  value       = "${var.k8s_namespace}/${var.k8s_service_account}"
}

output "vpc_id" {
  description = "VPC id."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "Private subnets (workers), one per zone."
  value       = aws_subnet.private[*].id
}

output "availability_zones" {
  description = "Zones used, one Nautilus node each."
  value       = local.azs
}

output "kms_key_arn" {
  description = "Customer-managed key of EKS secrets and the artifacts bucket."
  value       = aws_kms_key.this.arn
}

output "github_deploy_role_arn" {
  description = "Role for the deploy workflow (GitHub OIDC): set it as the repository variable AWS_DEPLOY_ROLE_ARN."
  value       = aws_iam_role.github_deploy.arn
}

output "api_certificate_arn" {
  description = "ACM certificate of api_domain_name, issued: the alb.ingress.kubernetes.io/certificate-arn of k8s/overlays/production/ingress.yaml."
  value       = aws_acm_certificate_validation.api.certificate_arn
}

output "lb_controller_role_arn" {
  description = "Role of the AWS Load Balancer Controller (Pod Identity, kube-system/aws-load-balancer-controller)."
  value       = aws_iam_role.lb_controller.arn
}
